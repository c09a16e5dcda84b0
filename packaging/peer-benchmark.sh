#!/usr/bin/env bash
# The bridge side by side with Twilio's own Node sample (see PeerBenchmark), in one run, same generator.
# Usage: packaging/peer-benchmark.sh [steps=1,50,100,200,500] [seconds-per-step=30] [warm-up-seconds=40]
# Needs node (20+) and npm. The sample (twilio-samples/speech-assistant-openai-realtime-api-node, MIT)
# is read from TWILIO_NODE_SAMPLE_DIR, else ../shared/peers/twilio-node; it is copied to
# target/peers/twilio-node and npm ci runs there (never in the source, never committed).
# PEER_DEFLATE_CALLS (default 100; 0 skips): the extra step where the carriers offer permessage-deflate.
# For each step, the sample then a fresh bridge run for warm-up + seconds each.
# Output: target/bench/peer.md (the table, printed at the end), peer.csv (ours, sample, ratio per figure),
# peer-raw.csv (every measurement of both, the load benchmark's columns).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "node is needed for Twilio's Node sample" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is needed for Twilio's Node sample" >&2; exit 1; }
mvn -B -q -DskipTests -DskipInstallers test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.deps \
  -Dmdep.includeScope=test
cp="$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench.deps)"
java -Dload.warmup="${3:-40}" -Dpeer.deflateCalls="${PEER_DEFLATE_CALLS:-100}" -cp "$cp" \
  app.highway.bench.load.PeerBenchmark "${1:-1,50,100,200,500}" "${2:-30}"
cat target/bench/peer.md
