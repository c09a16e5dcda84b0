#!/usr/bin/env bash
# Packaging smoke test, run by `mvn verify` (integration-test phase; skip with -DskipInstallers):
#  1. builds the app-image from target/highway.jar (packaging/jpackage.sh --skip-build app-image),
#     starts bin/highway-console --headless with no credentials (simulation) on a free port and a
#     temporary data dir, waits for GET /health = 200, places a simulated call and waits for its
#     transcript (the installed runtime runs a whole call), checks the log file, stops it; with a
#     Java 25 runtime, checks that the JVM loads the app-image's AOT cache (-Xlog:aot) and that the app
#     still starts when the cache is removed or truncated;
#  2. only when asked (--install-deb, which `mvn verify -DsmokeInstallDeb=true` passes, or
#     HIGHWAY_SMOKE_INSTALL_DEB=1), as root with dpkg: builds the .deb from that image, installs it
#     on this machine with dpkg -i (installing the package's missing dependencies with apt-get
#     first), does the same with /opt/highway-console/bin/highway-console (and checks that the installed
#     app loads its AOT cache), and removes the package
#     with dpkg -r. CI (.ci/run) asks for it; a developer's `mvn verify` installs nothing.
# Fails (non-zero) on any problem; stops what it started and removes what it installed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

install_deb=false
case "${HIGHWAY_SMOKE_INSTALL_DEB:-}" in 1|true|yes) install_deb=true ;; esac
for arg in "$@"; do
  case "$arg" in
    --install-deb|--install-deb=true|--install-deb=1) install_deb=true ;;
    --install-deb=false|--install-deb=0|--install-deb=) ;;
    *) echo "usage: $0 [--install-deb]   (or HIGHWAY_SMOKE_INSTALL_DEB=1)" >&2; exit 2 ;;
  esac
done

if [ "$(uname -s)" != Linux ]; then
  echo "smoke-test: skipped on $(uname -s): it checks the Linux app-image and .deb"
  exit 0
fi

package=highway-console
health_timeout=${SMOKE_HEALTH_TIMEOUT:-60}
t0=$(date +%s)
work="$(mktemp -d)"
pid=""
installed=false
log=""

say() { echo "smoke-test [$(( $(date +%s) - t0 ))s]: $*"; }
fail() {
  echo "smoke-test: FAILED: $*" >&2
  if [ -n "$log" ] && [ -f "$log" ]; then
    echo "---- last lines of $log" >&2
    tail -n 40 "$log" >&2
  fi
  exit 1
}

stop_app() {
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "smoke-test: pid $pid did not stop within 15 s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
  pid=""
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_app
  if $installed; then
    dpkg -r "$package" >/dev/null 2>&1 || echo "smoke-test: could not remove $package" >&2
  fi
  rm -rf "$work"
  if [ $rc -ne 0 ]; then echo "smoke-test: FAILED after $(( $(date +%s) - t0 )) s" >&2; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "$@" >/dev/null; } \
      || fail "could not install $*"
  else
    fail "missing $* (install it, or skip this check with -DskipInstallers)"
  fi
}
command -v curl >/dev/null 2>&1 || apt_install curl

source "$(dirname "${BASH_SOURCE[0]}")/lib/free-port.sh"

# Starts a launcher headless with no credentials, checks /health and the log file, stops it.
check_headless() {
  local launcher=$1 label=$2 java_options=${3:-}
  [ -x "$launcher" ] || fail "$launcher is missing or not executable"
  local data="$work/$label-data" empty="$work/$label-cwd" port
  mkdir -p "$data" "$empty" "$work/$label-config"
  port=$(free_port) || fail "no free port found"
  log="$work/$label.out"
  say "starting $launcher --headless on port $port (data dir $data)"
  # an empty working dir and config dir, and no credentials in the environment: simulation mode
  (cd "$empty" && exec env -u OPENAI_API_KEY -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u TWILIO_PHONE_NUMBER \
      HIGHWAY_API_TOKEN=smoke PORT="$port" HIGHWAY_DATA_DIR="$data" XDG_CONFIG_HOME="$work/$label-config" \
      ${java_options:+_JAVA_OPTIONS="$java_options"} "$launcher" --headless >"$log" 2>&1 < /dev/null) &
  pid=$!
  local deadline=$(( $(date +%s) + health_timeout )) body=""
  while :; do
    if body=$(curl -fsS --max-time 2 "http://127.0.0.1:$port/health" 2>/dev/null); then break; fi
    kill -0 "$pid" 2>/dev/null || fail "$label: the launcher exited before /health answered"
    [ "$(date +%s)" -lt "$deadline" ] || fail "$label: no 200 from /health within ${health_timeout} s"
    sleep 0.5
  done
  say "$label: /health -> $body"
  [[ "$body" == *'"mode":"simulation"'* ]] || fail "$label: expected simulation mode without credentials"
  # a simulated call end to end inside the installed runtime: model socket (Vert.x's WebSocket client),
  # media stream, transcript, store
  local placed sid call=""
  placed=$(curl -fsS --max-time 10 -X POST "http://127.0.0.1:$port/call-customer" -H "Authorization: Bearer smoke" \
      -H "Content-Type: application/json" -d '{"to":"+15559876543","verification":482913}') \
      || fail "$label: POST /call-customer failed"
  sid=$(sed -n 's/.*"callSid":"\([^"]*\)".*/\1/p' <<<"$placed")
  [ -n "$sid" ] || fail "$label: no callSid in $placed"
  deadline=$(( $(date +%s) + 30 ))
  until [[ "$call" == *'"transcript":[{'* ]]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "$label: simulated call $sid has no transcript after 30 s: $call"
    sleep 0.5
    call=$(curl -fsS --max-time 2 -H "Authorization: Bearer smoke" "http://127.0.0.1:$port/calls/$sid" 2>/dev/null || true)
  done
  [[ "$call" != *482913* ]] || fail "$label: the verification code appears unredacted in the call record"
  say "$label: simulated call $sid answered, transcript recorded, code redacted"
  local logfile="$data/logs/highway.log"
  [ -s "$logfile" ] || fail "$label: no log file at $logfile"
  grep -q "SIMULATION" "$logfile" || fail "$label: $logfile does not mention SIMULATION"
  stop_app
  say "$label: stopped; log file $logfile ok"
}

# With a Java 25+ runtime the app-image ships an AOT cache, lib/app/highway.aot: the JVM must load it
# (-Xlog:aot, through _JAVA_OPTIONS, which comes after the launcher's own -Xlog:aot=off), and the app
# must start just the same without it or with a damaged one (AOTMode=auto skips it, quietly).
check_aot_cache() {
  local root=$1 label=$2 cache="$1/lib/app/highway.aot" launcher="$1/bin/$package"
  local feature; feature=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$root/lib/runtime/release")
  if [ "${feature:-0}" -lt 25 ]; then
    say "$label: Java $feature runtime (no JDK 25 when it was packaged): no AOT cache to check"
    return 0
  fi
  [ -s "$cache" ] || fail "$label: Java $feature runtime but no AOT cache at $cache"
  grep -q -- '-XX:AOTCache=$APPDIR/highway.aot' "$root/lib/app/$package.cfg" || fail "$label: the launcher does not use the cache"
  check_headless "$launcher" "$label-aot" "-Xlog:aot"
  grep -q "Opened AOT cache $cache" "$work/$label-aot.out" || fail "$label: the JVM did not open $cache"
  grep -q "Using AOT-linked classes: true" "$work/$label-aot.out" || fail "$label: the AOT cache was not used"
  if grep -q "\[error *\]\[aot\]" "$work/$label-aot.out"; then fail "$label: the JVM reported errors about the AOT cache"; fi
  say "$label: the AOT cache $(du -h "$cache" | cut -f1) was loaded (AOT-linked classes in use)"
  if [ "$label" = deb ]; then return 0; fi   # the damaged-cache starts need to change the files: the app-image only
  local saved="$work/highway.aot.saved"
  mv "$cache" "$saved"
  check_headless "$launcher" "$label-nocache"
  if grep -q "aot\]" "$work/$label-nocache.out"; then fail "$label: a start without the cache printed AOT messages"; fi
  head -c 4096 "$saved" > "$cache"   # stale: truncated
  check_headless "$launcher" "$label-stale"
  if grep -q "aot\]" "$work/$label-stale.out"; then fail "$label: a start with a truncated cache printed AOT messages"; fi
  mv -f "$saved" "$cache"
  say "$label: starts without its AOT cache and with a truncated one (silently skipped)"
}

# 1. the app-image
say "building the app-image from target/highway.jar"
packaging/jpackage.sh --skip-build app-image
check_headless "$PWD/target/installer/$package/bin/$package" app-image
check_aot_cache "$PWD/target/installer/$package" app-image

# 2. the .deb, installed for real on this machine: only when asked
if ! $install_deb; then
  say ".deb step not run (it installs and removes a package on this machine); include it with mvn verify -DsmokeInstallDeb=true (as root, with dpkg)"
elif ! command -v dpkg >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
  fail "the .deb step was asked for but needs dpkg and root"
elif [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ]; then
  say "$package is already installed on this machine; not replacing it: .deb check skipped (dpkg -r $package to run it)"
else
  say "building the .deb from the app-image"
  packaging/jpackage.sh --skip-build deb
  deb=$(ls target/installer/${package}_*.deb | head -1)
  [ -f "$deb" ] || fail "no .deb was built"
  missing=()
  IFS=',' read -ra deps <<< "$(dpkg-deb -f "$deb" Depends)"
  for d in "${deps[@]}"; do
    d=$(echo "$d" | sed 's/|.*//; s/(.*)//' | xargs)
    [ -z "$d" ] && continue
    [ "$(dpkg-query -W -f='${Status}' "$d" 2>/dev/null)" = "install ok installed" ] || missing+=("$d")
  done
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi
  say "dpkg -i $deb"
  installed=true
  dpkg -i "$deb" > "$work/dpkg.out" 2>&1 || { log="$work/dpkg.out"; fail "dpkg -i failed"; }
  [ "$(dpkg-query -W -f='${Status}' "$package")" = "install ok installed" ] || fail "$package is not fully installed"
  check_headless "/opt/$package/bin/$package" deb
  check_aot_cache "/opt/$package" deb
  log=""
  dpkg -r "$package" > "$work/dpkg.out" 2>&1 || { log="$work/dpkg.out"; fail "dpkg -r failed"; }
  installed=false
  [ ! -e "/opt/$package/bin/$package" ] || fail "dpkg -r left /opt/$package/bin/$package behind"
  say "dpkg -r $package: removed"
fi

say "PASSED in $(( $(date +%s) - t0 )) s"
