#!/usr/bin/env bash
# Load benchmark: N concurrent calls through a bridge running in its own JVM (see LoadGenerator).
# Usage: packaging/load-benchmark.sh [steps=1,10,50,100,200,300] [seconds-per-step=30] [warm-up-seconds=40]
# Each step starts a fresh bridge, places N calls, lets them run for the warm-up (JIT, first turns),
# then measures for the given seconds. About 80 s per step on 2 cores.
# Output: target/bench/load.csv, load.md (tables) and load.png (chart); then the console's part
# (packaging/console-benchmark.sh: console.csv, console.md), unless SKIP_CONSOLE=1.
# Against Twilio's Node sample, side by side in one run: packaging/peer-benchmark.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.deps -Dmdep.includeScope=test
cp="$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench.deps)"
java -Dload.warmup="${3:-40}" -cp "$cp" app.highway.bench.load.LoadGenerator "${1:-1,10,50,100,200,300}" "${2:-30}"
cat target/bench/load.md
if [ "${SKIP_CONSOLE:-0}" != 1 ]; then
  bash packaging/console-benchmark.sh
fi
