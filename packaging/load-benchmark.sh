#!/usr/bin/env bash
# Load benchmark: N concurrent calls through a bridge running in its own JVM (see LoadGenerator).
# Usage: packaging/load-benchmark.sh [steps=1,10,50,100,200] [seconds-per-step=30]
# Output: target/bench/load.csv and target/bench/load.md
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.deps -Dmdep.includeScope=test
cp="$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench.deps)"
java -cp "$cp" app.highway.bench.load.LoadGenerator "${1:-1,10,50,100,200}" "${2:-30}"
cat target/bench/load.md
