#!/usr/bin/env bash
# Start-up benchmark: how long until the app is usable, for
#   - the jar on the default Java (17 here): java -jar target/highway.jar
#   - the app-image's Java 25 runtime without its AOT cache (a copy of the app-image without lib/app/highway.aot)
#   - the app-image as built, with its AOT cache
# and two measurements each, RUNS times (default 5), interleaved so that other load hits all alike:
#   headless: `--headless --simulate` launched -> first 200 from GET /health (wall clock, polled every 20 ms)
#   console:  `--simulate` under xvfb-run: "Window open N ms after the JVM started" (window painted) and
#             "Console ready ... N ms after the JVM started" (the JVM's own uptime, as the console logs it)
# One untimed headless start per variant first (page cache, data dir with its database); every run of a
# variant then reuses that data dir, as a restart does. Needs the app-image (packaging/jpackage.sh
# app-image), curl, and xvfb-run for the console rows.
# With FIRST_WAVE=N (e.g. 200) each run also opens the console and has it place N simulated calls at once
# as soon as it is ready (-Dhighway.firstWave, see FirstWaveProbe), timing its frames for WAVE_SECONDS
# (default 15): frames/s, frame gap p99 and the FX thread's CPU between frames p99, cold, per variant.
# BASELINE_IMAGE=DIR adds a fourth variant, another app-image with its own cache (e.g. a copy of
# target/installer/highway-console made before a change), so that a change is compared within one run;
# JAR=PATH times another jar on the default Java (e.g. the one that copy was built from) instead of
# target/highway.jar.
# Usage: packaging/startup-benchmark.sh [RUNS]
# Output: target/bench/startup.md (Markdown table: median and range, in seconds) and startup.csv.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
image=target/installer/highway-console
launcher="$PWD/$image/bin/highway-console"
java17="${JAVA17:-java}"
[ -x "$launcher" ] || { echo "startup-benchmark: no app-image at $image (run packaging/jpackage.sh app-image)" >&2; exit 1; }
jar="${JAR:-$PWD/target/highway.jar}"
[ -f "$jar" ] || { echo "startup-benchmark: no $jar" >&2; exit 1; }
baseline="${BASELINE_IMAGE:-}"
[ -z "$baseline" ] || [ -x "$baseline/bin/highway-console" ] \
  || { echo "startup-benchmark: BASELINE_IMAGE=$baseline is not an app-image" >&2; exit 1; }
[ -f "$image/lib/app/highway.aot" ] || echo "startup-benchmark: warning: the app-image has no AOT cache" >&2
out=target/bench
mkdir -p "$out"
work=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# the same app-image without its cache (cp -p keeps the jar's time stamp; the launcher is the same)
cp -a "$image" "$work/nocache"
rm -f "$work/nocache/lib/app/highway.aot"

variants=(jar17 image25 image25aot)
declare -A cmd label
cmd[jar17]="$java17 -jar $jar"
cmd[image25]="$work/nocache/bin/highway-console"
cmd[image25aot]="$launcher"
label[jar17]="jar on Java $("$java17" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1) (java -jar)"
label[image25]="app-image, Java $(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image/lib/runtime/release"), no AOT cache"
label[image25aot]="app-image, Java $(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$image/lib/runtime/release") + AOT cache"
if [ -n "$baseline" ]; then
  variants+=(baseline)
  cmd[baseline]="$baseline/bin/highway-console"
  label[baseline]="baseline app-image ($baseline) + its AOT cache"
fi

source "$(dirname "${BASH_SOURCE[0]}")/lib/free-port.sh"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
clean_env=(env -u OPENAI_API_KEY -u TWILIO_ACCOUNT_SID -u TWILIO_AUTH_TOKEN -u TWILIO_PHONE_NUMBER
           -u JAVA_TOOL_OPTIONS -u _JAVA_OPTIONS -u JDK_JAVA_OPTIONS)

headless() { # variant -> ms until /health answers
  local v=$1 port t0 t
  port=$(free_port) || exit 1
  mkdir -p "$work/$v-cwd"
  t0=$(now_ms)
  (cd "$work/$v-cwd" && exec "${clean_env[@]}" HIGHWAY_DATA_DIR="$work/$v-data" XDG_CONFIG_HOME="$work/config" PORT="$port" \
      ${cmd[$v]} --headless --simulate >"$work/$v-headless.log" 2>&1 </dev/null) &
  pid=$!
  until curl -fs --max-time 1 "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "startup-benchmark: $v exited early" >&2; tail "$work/$v-headless.log" >&2; exit 1; }
    [ $(( $(now_ms) - t0 )) -lt 60000 ] || { echo "startup-benchmark: $v: no /health in 60 s" >&2; exit 1; }
    sleep 0.02
  done
  t=$(( $(now_ms) - t0 ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  echo "$t"
}

console() { # variant -> "painted ready" (ms after the JVM started, from its log)
  local v=$1 port log="$work/$v-console.log"
  port=$(free_port) || exit 1
  # -Dhighway.tourSeconds=1: the console closes itself a second after it is ready (a clean exit)
  (cd "$work/$v-cwd" && exec "${clean_env[@]}" JAVA_TOOL_OPTIONS=-Dhighway.tourSeconds=1 HIGHWAY_DATA_DIR="$work/$v-data" \
      XDG_CONFIG_HOME="$work/config" PORT="$port" \
      timeout 90 xvfb-run -a -s "-screen 0 1400x880x24" ${cmd[$v]} --simulate >"$log" 2>&1 </dev/null) &
  pid=$!
  wait "$pid" 2>/dev/null || true; pid=""
  local painted ready
  painted=$(sed -n 's/.*Window open \([0-9]*\) ms after the JVM started.*/\1/p' "$log" | head -1)
  ready=$(sed -n 's/.*Console ready.* \([0-9]*\) ms after the JVM started.*/\1/p' "$log" | head -1)
  [ -n "$painted" ] && [ -n "$ready" ] || { echo "startup-benchmark: $v: console did not get ready" >&2; tail "$log" >&2; exit 1; }
  echo "$painted $ready"
}

wave() { # variant -> "fps gap_p99_ms fx_cpu_p99_ms" for a first wave of $FIRST_WAVE calls in a cold console
  local v=$1 port log="$work/$v-wave.log"
  port=$(free_port) || exit 1
  rm -rf "$work/$v-wave-data"; cp -a "$work/$v-data" "$work/$v-wave-data"   # no calls left from earlier runs
  (cd "$work/$v-cwd" && exec "${clean_env[@]}" JAVA_TOOL_OPTIONS="-Dhighway.firstWave=$FIRST_WAVE,${WAVE_SECONDS:-15}" \
      HIGHWAY_DATA_DIR="$work/$v-wave-data" XDG_CONFIG_HOME="$work/config" PORT="$port" \
      timeout 120 xvfb-run -a -s "-screen 0 1400x880x24" ${cmd[$v]} --simulate >"$log" 2>&1 </dev/null) &
  pid=$!
  wait "$pid" 2>/dev/null || true; pid=""
  local line
  line=$(grep "First wave:" "$log" | head -1)
  [ -n "$line" ] || { echo "startup-benchmark: $v: no first-wave line" >&2; tail "$log" >&2; exit 1; }
  echo "$(sed -n 's/.*: \([0-9.]*\) frames\/s.*/\1/p' <<<"$line") $(sed -n 's/.*frame gap p50 [0-9.]* ms p99 \([0-9.]*\) ms.*/\1/p' <<<"$line") $(sed -n 's/.*between frames p50 [0-9.]* ms p99 \([0-9.]*\) ms.*/\1/p' <<<"$line")"
}

has_xvfb=false; command -v xvfb-run >/dev/null 2>&1 && has_xvfb=true
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "startup-benchmark: $runs runs each; load average before: $load_before" >&2
for v in "${variants[@]}"; do headless "$v" >/dev/null; done   # untimed: page cache, data dir
echo "variant,run,headless_health_ms,console_painted_ms,console_ready_ms,wave_fps,wave_gap_p99_ms,wave_fx_cpu_p99_ms" >"$out/startup.csv"
for i in $(seq 1 "$runs"); do
  for v in "${variants[@]}"; do
    h=$(headless "$v")
    c="- -"; $has_xvfb && c=$(console "$v")
    read -r painted ready <<<"$c"
    w="- - -"; $has_xvfb && [ -n "${FIRST_WAVE:-}" ] && w=$(wave "$v")
    read -r fps gap cpu <<<"$w"
    echo "$v,$i,$h,$painted,$ready,$fps,$gap,$cpu" | tee -a "$out/startup.csv" >&2
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

stat() { # column -> "median (min–max)" in seconds
  sort -n | awk '{a[NR]=$1} END {if (NR==0 || a[1]=="-") {print "not measured"; exit}
    m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.2f s (%.2f–%.2f)", m/1000, a[1]/1000, a[NR]/1000}'
}
col() { awk -F, -v v="$1" -v c="$2" '$1==v {print $c}' "$out/startup.csv"; }
{
  head="| $runs runs each, median (range) |"; rule="|---|"
  for v in "${variants[@]}"; do head+=" ${label[$v]} |"; rule+="---|"; done
  echo "$head"; echo "$rule"
  row() { local r="| $1 |" v; for v in "${variants[@]}"; do r+=" $(col "$v" "$2" | stat) |"; done; echo "$r"; }
  row 'headless `--simulate`: launch → `/health` answers' 3
  row 'console under Xvfb: window painted (JVM uptime)' 4
  row 'console under Xvfb: "Console ready" (JVM uptime)' 5
  if [ -n "${FIRST_WAVE:-}" ]; then
    plain() { sort -n | awk '{a[NR]=$1} END {if (NR==0 || a[1]=="-") {print "not measured"; exit}
      m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f (%.1f–%.1f)", m, a[1], a[NR]}'; }
    wrow() { local r="| $1 |" v; for v in "${variants[@]}"; do r+=" $(col "$v" "$2" | plain) |"; done; echo "$r"; }
    wrow "first wave, $FIRST_WAVE calls at once, ${WAVE_SECONDS:-15} s: frames/s" 6
    wrow 'first wave: frame gap p99 (ms)' 7
    wrow 'first wave: FX thread CPU between frames p99 (ms)' 8
  fi
  echo
  median() { sort -n | awk '{a[NR]=$1} END {if (NR==0 || a[1]=="-") {print "-"; exit}
    print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}'; }
  ratio() { awk -v a="$(col "$1" "$3" | median)" -v b="$(col "$2" "$3" | median)" \
    'BEGIN {if (a=="-" || b=="-" || b==0) print "-"; else printf "%.2f", a/b}'; }
  for v in image25aot ${baseline:+baseline}; do
    echo "${label[$v]} against the jar: $(ratio "$v" jar17 3)× (headless /health), $(ratio "$v" jar17 4)× (window" \
      "painted), $(ratio "$v" jar17 5)× (console ready), medians of this run."
    echo
  done
  echo "$(nproc) cores; load average before $load_before, after $load_after; AOT cache $(du -h "$image/lib/app/highway.aot" 2>/dev/null | cut -f1)."
} >"$out/startup.md"
cat "$out/startup.md"
