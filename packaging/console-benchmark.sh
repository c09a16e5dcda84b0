#!/usr/bin/env bash
# Console benchmark: the board's frame rate and FX-thread load with 200 simulated calls (ConsoleLoadBench,
# headless Monocle), warm and in a cold JVM; and, when xvfb-run is installed, the console's cold start to
# its first painted window and to a usable console (a real GTK window under Xvfb).
# Usage: packaging/console-benchmark.sh [calls=200] [cold-start runs=3]   (about 4 minutes on 2 cores)
# Output: target/bench/console.csv and console.md
set -euo pipefail
cd "$(dirname "$0")/.."
calls="${1:-200}"
runs="${2:-3}"
out=target/bench
mkdir -p "$out"
rm -f "$out/console.csv"

scenario() { # warmups cps
  mvn -B -q -Pbench test -Dtest=ConsoleLoadBench -Dcalls="$calls" -Dwarmups="$1" -Dcps="$2" >"$out/console-run.log" 2>&1 \
    || { tail -30 "$out/console-run.log"; exit 1; }
}
scenario 3 200   # a console that has been open a while: three waves of calls before this one
scenario 1 200   # a console that has run one wave of calls
scenario 0 25    # cold JVM, calls at about the simulation's own pace (at least 20 a second)
scenario 0 200   # cold JVM, all calls in the same second (only the HTTP API can do that)

{
  echo "| $calls simulated calls | frames/s | frame gap p99 (ms) | FX CPU per tick p50 / p99 (ms) | FX CPU per layout pulse p99 / max (ms) | process cores (JIT / simulation / bridge / FX) |"
  echo "|---|---|---|---|---|---|"
  tail -n +2 "$out/console.csv" | while IFS=, read -r n cps warm proc jit sim bridge fx fps gap tick tcpu50 tcpu99 pulse pcpu99 pcpumax; do
    if [ "$warm" -gt 0 ]; then what="after $warm wave(s)"; elif [ "$cps" -ge "$n" ]; then what="cold JVM, all at once"; else what="cold JVM, $cps calls/s"; fi
    echo "| $what | $fps | $gap | $tcpu50 / $tcpu99 | $pcpu99 / $pcpumax | $proc ($jit / $sim / $bridge / $fx) |"
  done
} >"$out/console.md"

if command -v xvfb-run >/dev/null; then
  cp="$PWD/target/classes:$(cat target/bench.deps 2>/dev/null || true)"
  if [ ! -s target/bench.deps ]; then
    mvn -B -q -DskipTests dependency:build-classpath -Dmdep.outputFile=target/bench.deps -Dmdep.includeScope=runtime
    cp="$PWD/target/classes:$(cat target/bench.deps)"
  fi
  echo >>"$out/console.md"
  echo "| console cold start (GTK window under Xvfb, --simulate) | window painted (ms after JVM start) | console ready (ms) |" >>"$out/console.md"
  echo "|---|---|---|" >>"$out/console.md"
  for i in $(seq 1 "$runs"); do
    data=$(mktemp -d)
    log="$data/console.log"
    HIGHWAY_DATA_DIR="$data" PORT=0 xvfb-run -a -s "-screen 0 1400x880x24" \
      timeout 60 java -Dhighway.benchRun="$data" -cp "$cp" app.highway.Launcher --simulate >"$log" 2>&1 &
    pid=$!
    for _ in $(seq 1 120); do grep -q "Console ready" "$log" && break; sleep 0.5; done
    painted=$(sed -n 's/.*Window open \([0-9]*\) ms after the JVM started.*/\1/p' "$log" | head -1)
    ready=$(sed -n 's/.*window shown \([0-9]*\) ms after the JVM started.*/\1/p' "$log" | head -1)
    pkill -f -- "-Dhighway.benchRun=$data" 2>/dev/null || true # this run's console only
    wait "$pid" 2>/dev/null || true
    echo "| run $i | ${painted:-not seen} | ${ready:-not seen} |" >>"$out/console.md"
    rm -rf "$data"
  done
else
  echo >>"$out/console.md"
  echo "Console cold start not measured: xvfb-run is not installed (sudo apt-get install xvfb)." >>"$out/console.md"
fi
cat "$out/console.md"
