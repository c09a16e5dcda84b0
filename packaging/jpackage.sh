#!/usr/bin/env bash
# Builds Highway Console for people who never run Maven: a self-contained app (a jlink-trimmed Java
# runtime + the shaded jar, which carries JavaFX's classes and natives) and this system's installer.
#
# Usage: packaging/jpackage.sh [--skip-build] [--jdk PATH] [--no-aot-cache] [TYPE...]
#   TYPE: app-image, deb, rpm (Linux), msi, exe (Windows, needs WiX 3 on the PATH), dmg, pkg (macOS).
#   Default: app-image plus the system's usual installer (Linux: deb, Windows: msi, macOS: dmg).
#   --skip-build    package the existing target/highway.jar instead of running `mvn package` first.
#   --jdk PATH      the JDK (25 or newer) whose runtime and jpackage to use. Without it: JAVA_HOME if
#                   it is 25+, else the usual install paths (/usr/lib/jvm/*25*,
#                   /Library/Java/JavaVirtualMachines/*25*/Contents/Home,
#                   C:\Program Files\Eclipse Adoptium\jdk-25*), else the jpackage on the PATH (17:
#                   packaged as before, without a cache; the script says so).
#   --no-aot-cache  with a JDK 25: bundle its runtime but train no AOT cache.
#   (HIGHWAY_AOT_SESSION=headless trains on the headless bridge alone, even where a display is available.)
# The code is compiled for Java 17 either way (pom.xml); only the bundled runtime changes.
# With a JDK 25 the app-image gets an AOT cache (JEP 483/514/515), lib/app/highway.aot, trained here
# by running the packaged launcher itself (so the cache matches its runtime and class path) through
# a simulated session without credentials: under xvfb-run (or the desktop on macOS/Windows) the
# console with its embedded bridge, three simulated calls placed through the HTTP API and finished,
# each main tab opened, then a clean close; without a display the headless bridge, the same calls,
# then SIGTERM. The launcher starts with -XX:AOTCache=$APPDIR/highway.aot in the JVM's default
# AOTMode=auto: a missing or stale cache is skipped (logging about it is off: set
# _JAVA_OPTIONS=-Xlog:aot to see whether it was loaded), never an error.
# Output: target/installer/ (the app-image is target/installer/highway-console, or
#         highway-console.app on macOS). Installers are made from that app-image, so the runtime
#         is linked and the cache trained once.
# Name, version, vendor and description come from pom.xml (via app/highway/build.properties in the
# jar); icons from assets/icons (PNG on Linux, ICO on Windows, ICNS on macOS).
# The installed launcher opens the console; `highway-console --headless` runs the bridge alone.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_build=false
aot=true
jdk_flag=""
types=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --no-aot-cache) aot=false ;;
    --jdk) [ $# -ge 2 ] || { echo "jpackage.sh: --jdk needs a path" >&2; exit 2; }; jdk_flag=$2; shift ;;
    --jdk=*) jdk_flag=${1#--jdk=} ;;
    app-image|deb|rpm|msi|exe|dmg|pkg) types+=("$1") ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "jpackage.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done

case "$(uname -s)" in
  Linux) os=linux; default_installer=deb ;;
  Darwin) os=mac; default_installer=dmg ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; default_installer=msi ;;
  *) echo "jpackage.sh: unsupported system $(uname -s)" >&2; exit 2 ;;
esac
[ ${#types[@]} -gt 0 ] || types=(app-image "$default_installer")

# Installs Debian packages when we can (root with apt-get); otherwise says what is missing.
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "jpackage.sh: installing $*" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq "$@" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$@" >/dev/null; }
  else
    echo "jpackage.sh: missing $*; install it (e.g. sudo apt-get install $*)" >&2
    exit 1
  fi
}

# The JDK to package with: 25 or newer when there is one (its runtime can use an AOT cache), else 17.
jdk_feature() { # the feature version of the JDK at $1 (25 for 25.0.3), or nothing
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1
}
is_jdk25() {
  [ -n "$1" ] || return 1
  [ -x "$1/bin/jpackage" ] || [ -x "$1/bin/jpackage.exe" ] || return 1
  local v; v=$(jdk_feature "$1")
  [ -n "$v" ] && [ "$v" -ge 25 ]
}
jdk=""
if [ -n "$jdk_flag" ]; then
  is_jdk25 "$jdk_flag" || { echo "jpackage.sh: --jdk $jdk_flag is not a JDK 25 or newer with jpackage" >&2; exit 2; }
  jdk=$jdk_flag
elif is_jdk25 "${JAVA_HOME:-}"; then
  jdk=$JAVA_HOME
else
  for candidate in /usr/lib/jvm/*25* /Library/Java/JavaVirtualMachines/*25*/Contents/Home \
      "/c/Program Files/Eclipse Adoptium"/jdk-25* "${PROGRAMFILES:-/c/Program Files}/Eclipse Adoptium"/jdk-25*; do
    if is_jdk25 "$candidate"; then jdk=$candidate; break; fi
  done
fi
if [ -n "$jdk" ]; then
  jpackage_cmd="$jdk/bin/jpackage"; jdeps_cmd="$jdk/bin/jdeps"; jar_cmd="$jdk/bin/jar"
  echo "jpackage.sh: bundling the Java $(jdk_feature "$jdk") runtime of $jdk" >&2
else
  command -v jpackage >/dev/null 2>&1 || { [ "$os" = linux ] && apt_install openjdk-17-jdk-headless; } \
    || { echo "jpackage.sh: jpackage (JDK 17+) not found" >&2; exit 1; }
  jpackage_cmd=jpackage; jdeps_cmd=jdeps; jar_cmd=jar
  aot=false
  echo "jpackage.sh: no JDK 25 found (--jdk, JAVA_HOME, /usr/lib/jvm/*25*, ...): bundling the runtime of" \
    "$(command -v jpackage) (Java 17) as before, without an AOT cache, so the app starts about twice as slowly" >&2
fi
for t in "${types[@]}"; do
  case "$t" in
    deb) for tool in fakeroot dpkg-deb; do command -v "$tool" >/dev/null 2>&1 || apt_install "$tool"; done ;;
    rpm) command -v rpmbuild >/dev/null 2>&1 || apt_install rpm ;;
  esac
done

$aot && ! command -v curl >/dev/null 2>&1 && apt_install curl   # the training session uses the HTTP API

if ! $skip_build || [ ! -f target/highway.jar ]; then
  $skip_build && echo "jpackage.sh: no target/highway.jar yet; building it" >&2
  mvn -B -q -DskipTests package
fi

# Name, version, vendor: set once in pom.xml, read from the jar being packaged.
meta="$(mktemp -d)"
cleanup_dirs=("$meta")
trap 'rm -rf "${cleanup_dirs[@]}"' EXIT
jar_path="$PWD/target/highway.jar"
(cd "$meta" && "$jar_cmd" xf "$jar_path" app/highway/build.properties)
prop() { sed -n "s/^$1=//p" "$meta/app/highway/build.properties" | head -1; }
app_title="$(prop name)"
vendor="$(prop vendor)"
description="$(prop description)"
name="$(prop id)"                                          # highway-console: launcher, package, /opt dir
version="$(prop version | sed 's/[^0-9.].*$//')"         # 0.1.0-SNAPSHOT -> 0.1.0 (installers need digits)
[ -n "$version" ] && [ -n "$name" ] || { echo "jpackage.sh: no version/name in the jar's build.properties" >&2; exit 1; }

# the launcher, its .cfg and $APPDIR (where the jar and the AOT cache live) inside the app-image
case "$os" in
  linux) icon=assets/icons/highway-256.png; image="target/installer/$name"
         launcher="$image/bin/$name"; appdir="$image/lib/app" ;;
  windows) icon=assets/icons/highway.ico; image="target/installer/$name"
         launcher="$image/$name.exe"; appdir="$image/app" ;;
  mac) icon=assets/icons/highway.icns; image="target/installer/$name.app"
         launcher="$image/Contents/MacOS/$name"; appdir="$image/Contents/app" ;;
esac
common=(--name "$name" --app-version "$version" --vendor "$vendor" --description "$description"
        --copyright "Copyright (c) $vendor" --dest target/installer)
[ "$os" = mac ] && common+=(--mac-package-identifier app.highway.console --mac-package-name "$app_title")

# A path as the JVM of this system reads it (Windows: C:\..., from Git Bash's /c/...).
native_path() { if [ "$os" = windows ] && command -v cygpath >/dev/null 2>&1; then cygpath -w "$1"; else echo "$1"; fi; }

# Trains $appdir/highway.aot by running the app-image's own launcher (its runtime, its exact class path
# from the .cfg) through a simulated session, in two steps: a recording run
# (-XX:AOTMode=record), then the cache is assembled (-XX:AOTMode=create). JDK 25's one-step
# -XX:AOTCacheOutput would start bin/java for the second step, which the trimmed runtime has not
# (--strip-native-commands). The options go in through JAVA_TOOL_OPTIONS; the .cfg's own
# -XX:AOTCache line is taken out meanwhile (the JVM refuses both at once) and put back afterwards.
train_aot_cache() {
  local cfg train port pid session=headless t_start=$SECONDS exe="$PWD/$launcher"
  cfg=$(ls "$appdir"/*.cfg | head -1)
  train=$(mktemp -d)
  cleanup_dirs+=("$train")
  mkdir -p "$train/data" "$train/config" "$train/cwd"
  port=$(free_port) || { echo "jpackage.sh: no free port found" >&2; exit 1; }
  local config_file cache_file
  config_file=$(native_path "$PWD/$appdir/highway.aotconf")   # the JVM runs in $train/cwd
  cache_file=$(native_path "$PWD/$appdir/highway.aot")
  cp "$cfg" "$train/launcher.cfg"
  grep -v -e '-XX:AOTCache=' -e '-Xlog:aot=off' "$train/launcher.cfg" > "$cfg"
  local run=()
  case "$os" in
    linux)
      # The console needs GTK (the .deb depends on it; a fresh build machine may not have it): as root it
      # is installed, otherwise the cache is trained on the headless bridge.
      if command -v xvfb-run >/dev/null 2>&1 && ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0' \
          && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt_install libgtk-3-0 libxtst6 libgl1 libxxf86vm1
      fi
      if command -v xvfb-run >/dev/null 2>&1 && ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
        run=(xvfb-run -a -s "-screen 0 1400x880x24"); session=console
      fi ;;
    *) session=console ;; # macOS and Windows build on a desktop: the console's window shows for about 25 s
  esac
  if [ "${HIGHWAY_AOT_SESSION:-}" = headless ]; then run=(); session=headless; fi
  local flags=(--simulate); [ $session = headless ] && flags+=(--headless)
  echo "jpackage.sh: training the AOT cache: $session session with 3 simulated calls (about 30 s)" >&2
  # no credentials and no .env: the simulation; a throwaway data dir and port
  (cd "$train/cwd" && exec env -u OPENAI_API_KEY -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u TWILIO_PHONE_NUMBER \
      -u HIGHWAY_API_TOKEN -u JDK_JAVA_OPTIONS -u _JAVA_OPTIONS \
      JAVA_TOOL_OPTIONS="-XX:AOTMode=record -XX:AOTConfiguration=$config_file -Dhighway.tourSeconds=22" \
      HIGHWAY_DATA_DIR="$(native_path "$train/data")" XDG_CONFIG_HOME="$train/config" PORT="$port" \
      ${run[@]+"${run[@]}"} "$exe" "${flags[@]}" >"$train/record.log" 2>&1 </dev/null) &
  pid=$!
  local ok=true token="" ids=() deadline=$((SECONDS + 60))
  until curl -fsS --max-time 2 "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then ok=false; break; fi
    sleep 0.3
  done
  if $ok; then
    token=$(cat "$train/data/api-token")
    for _ in 1 2 3; do
      ids+=("$(curl -fsS --max-time 10 -X POST "http://127.0.0.1:$port/call-customer" -H "Authorization: Bearer $token" \
        -H "Content-Type: application/json" -d '{"to":"+15559876543","verification":123}' \
        | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')")
      sleep 1
    done
    # each simulated call ends by itself after about 10 s: wait for the final states
    local id call deadline=$((SECONDS + 45))
    for id in "${ids[@]}"; do
      until call=$(curl -fsS --max-time 2 -H "Authorization: Bearer $token" "http://127.0.0.1:$port/calls/$id" 2>/dev/null) \
          && [[ "$call" =~ \"state\":\"(completed|busy|no-answer|failed|canceled)\" ]]; do
        [ $SECONDS -lt $deadline ] || { echo "jpackage.sh: simulated call $id did not end in time" >&2; break; }
        sleep 0.5
      done
    done
    curl -fsS --max-time 5 -H "Authorization: Bearer $token" "http://127.0.0.1:$port/calls?limit=10" >/dev/null || true
  else
    echo "jpackage.sh: the training run did not answer /health" >&2
  fi
  if [ $session = headless ]; then
    kill -TERM "$pid" 2>/dev/null || true   # the headless bridge stops in its shutdown hook
  fi
  # the console closes its window by itself (-Dhighway.tourSeconds); the JVM writes the recording as it exits
  deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
  if $ok && [ -s "$appdir/highway.aotconf" ]; then
    (cd "$train/cwd" && env -u _JAVA_OPTIONS -u JDK_JAVA_OPTIONS \
        JAVA_TOOL_OPTIONS="-XX:AOTMode=create -XX:AOTConfiguration=$config_file -XX:AOTCache=$cache_file" \
        "$exe" >"$train/create.log" 2>&1 </dev/null) || ok=false
  else
    ok=false
  fi
  rm -f "$appdir/highway.aotconf"
  cp "$train/launcher.cfg" "$cfg"
  if $ok && [ -s "$appdir/highway.aot" ]; then
    echo "jpackage.sh: AOT cache trained in $((SECONDS - t_start)) s: $(du -h "$appdir/highway.aot" | cut -f1) ($session session)" >&2
  else
    rm -f "$appdir/highway.aot"
    echo "jpackage.sh: WARNING: could not train the AOT cache; the app works without it but starts about" \
      "twice as slowly. Last lines of the training run:" >&2
    tail -n 15 "$train/record.log" "$train/create.log" 2>/dev/null | grep -v Skipping >&2 || true
  fi
}

# jpackage copies the app-image into the .deb without the files' times, but the AOT cache holds the
# time (and size) of the jar it was trained with and is skipped when they differ ("timestamp has
# changed"): the package gets lib/app's times from the app-image back (dpkg keeps them on install).
# Moving the whole folder, /opt/<name> instead of target/installer/<name>, is fine for the cache.
restamp_deb() {
  local deb tree
  deb=$(ls -t target/installer/"${name}"_*.deb | head -1)
  tree=$(mktemp -d); cleanup_dirs+=("$tree")
  echo "jpackage.sh: $deb: restoring lib/app's file times for the AOT cache" >&2
  fakeroot -- bash -c 'set -e
    dpkg-deb -R "$1" "$2/root"
    for f in "$3"/*; do if [ -f "$f" ]; then touch -r "$f" "$2/root/opt/$4/lib/app/${f##*/}"; fi; done
    dpkg-deb -Zxz -b "$2/root" "$1" >/dev/null' restamp "$deb" "$tree" "$PWD/$appdir" "$name"
}

source "$(dirname "${BASH_SOURCE[0]}")/lib/free-port.sh"

mkdir -p target/installer
if [[ " ${types[*]} " == *" app-image "* ]] || [ ! -d "$image" ]; then
  rm -rf target/jpackage-input "$image"
  mkdir -p target/jpackage-input
  cp target/highway.jar target/jpackage-input/   # only the app jar, not all of target/
  # Only JDK modules: JavaFX is inside the shaded jar. jdeps finds the static ones; crypto.ec (TLS to
  # Twilio/OpenAI), java.net.http and localedata are reached by reflection or services. The console is in
  # English (country names in English), so only a few locales' formats are kept: 20 MB less runtime.
  modules="$("$jdeps_cmd" --multi-release 17 --ignore-missing-deps --print-module-deps target/highway.jar),jdk.crypto.ec,java.net.http,jdk.localedata"
  echo "jpackage.sh: app-image $name $version with modules $modules" >&2
  cache_options=()
  # $APPDIR is the launcher's (lib/app): kept literally in the .cfg, expanded at each start. AOTMode is
  # left at its default, auto: a cache that is missing or does not match is skipped. Its messages are
  # off (-Xlog:aot=off) so that such a start prints no "[error][aot]" lines; _JAVA_OPTIONS=-Xlog:aot
  # (read after these options) shows them again.
  $aot && cache_options=(--java-options '-XX:AOTCache=$APPDIR/highway.aot' --java-options '-Xlog:aot=off')
  # The heap and garbage collector chosen by measurement (packaging/jvm-options says why); the same
  # file is what the load benchmark starts the bridge with.
  while IFS= read -r option; do
    option="${option%%#*}"; option="$(echo "$option" | xargs)"
    [ -n "$option" ] && cache_options+=(--java-options "$option")
  done < packaging/jvm-options
  "$jpackage_cmd" --type app-image "${common[@]}" \
    --input target/jpackage-input --main-jar highway.jar --main-class app.highway.Launcher \
    --add-modules "$modules" \
    --jlink-options "--strip-debug --no-man-pages --no-header-files --strip-native-commands --include-locales=en,de,es,fr,it,nl,pt" \
    ${cache_options[@]+"${cache_options[@]}"} --icon "$icon"
  if $aot; then train_aot_cache; fi
fi

for t in "${types[@]}"; do
  [ "$t" = app-image ] && continue
  args=(--type "$t" --app-image "$image" "${common[@]}" --license-file packaging/LICENSE.txt)
  case "$t" in
    deb|rpm)
      # JavaFX's natives sit inside the jar, so jpackage only sees the JDK's libraries: name the GTK/X11/GL
      # ones glass and prism load. --linux-shortcut adds xdg-utils for the menu entry; packaging/linux holds
      # our .desktop file and a postinst that works on machines without a desktop.
      deps="libgtk-3-0, libxtst6, libgl1, libxxf86vm1"
      [ "$t" = rpm ] && deps="gtk3, libXtst, libglvnd-glx, libXxf86vm"
      args+=(--resource-dir packaging/linux --linux-package-name "$name" --linux-package-deps "$deps"
             --linux-shortcut --linux-menu-group "Network;Telephony;" --linux-app-category comm
             --linux-deb-maintainer "support@highway.invalid" --icon "$icon") ;;
    msi|exe)
      args+=(--win-menu --win-menu-group "$vendor" --win-shortcut --win-dir-chooser
             --win-upgrade-uuid 6f1f3c5e-2a8b-4f0e-9a51-7d1c0b6e4a21 --icon "$icon") ;;
    dmg|pkg)
      args+=(--icon "$icon") ;;
  esac
  echo "jpackage.sh: $t from $image" >&2
  "$jpackage_cmd" "${args[@]}"
  if [ "$t" = deb ] && [ -s "$appdir/highway.aot" ]; then restamp_deb; fi
done

echo "jpackage.sh: built in target/installer:"
if [ -d "$image" ]; then
  du -sh "$image" | sed 's/^/  app-image /'
  runtime="$image/lib/runtime"; [ "$os" = mac ] && runtime="$image/Contents/runtime"
  [ -d "$runtime" ] && du -sh "$runtime" | sed 's/^/  runtime   /'
fi
find target/installer -maxdepth 1 -type f -exec du -h {} + | sed 's/^/  installer /'
