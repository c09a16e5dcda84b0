#!/usr/bin/env bash
# Load benchmark: the bridge side by side with Twilio's own Node sample, in one run, same generator
# (PeerBenchmark), each figure reported as ours / sample.
#   packaging/load-benchmark.sh [steps=1,50,100,200,500] [seconds-per-step=30] [warm-up-seconds=40]
# Needs node (20+) and npm. The sample (twilio-samples/speech-assistant-openai-realtime-api-node, MIT)
# is read from TWILIO_NODE_SAMPLE_DIR, else ../shared/peers/twilio-node; it is copied to
# target/peers/twilio-node and npm ci runs there (never in the source, never committed).
# PEER_DEFLATE_CALLS (default 100; 0 skips): the extra step where the carriers offer permessage-deflate.
# For each step, the sample then a fresh bridge (started with packaging/server-jvm-options), warm-up +
# seconds each, then 10 s captured: about 20 minutes in all on 2 cores.
# Output: target/bench/peer.md (the table, printed at the end), peer.csv (ours, sample, ratio per figure),
# peer-raw.csv (every measurement of both).
# After each step's window, while its calls still run, 10 s of loopback are captured with tcpdump (root or
# CAP_NET_RAW; skipped with a note otherwise) and read as each relay's own hold per frame (packet in to
# packet out), apart from the generator's time; the report also gives the CPU every other process took
# during the window (kernel threads included). LOAD_GENERATOR_ARGS="-Dload.capture=false" skips the capture.
#
# The bridge alone, with more figures (GC, allocation, native memory) and then the console's part:
#   packaging/load-benchmark.sh --bridge-only [steps=1,10,50,100,200,300] [seconds=30] [warm-up=40]
# writes target/bench/load.csv, load.md, load.png, console.csv and console.md (SKIP_CONSOLE=1 skips
# the console's part). JVM options other than the server's: -Dload.bridgeArgs="..." via LOAD_BRIDGE_ARGS.
# LOAD_LISTENERS=10: that many consoles listen in on each step's calls (/calls/{id}/listen, spread over
# the calls); load.md then also gives the listen-in delay (bridge mixes a frame -> console receives it)
# p50/p99. ListenInBench (mvn -B -Pbench test -Dtest=ListenInBench) runs 200 calls without and with 10.
set -euo pipefail
cd "$(dirname "$0")/.."
bridge_only=false
if [ "${1:-}" = --bridge-only ]; then bridge_only=true; shift; fi
mvn -B -q -DskipTests -DskipInstallers test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.deps \
  -Dmdep.includeScope=test
cp="$PWD/target/test-classes:$PWD/target/classes:$(cat target/bench.deps)"
props=(-Dload.warmup="${3:-40}")
# the generator's own JVM: LOAD_GENERATOR_ARGS (default none)
read -r -a generator_args <<< "${LOAD_GENERATOR_ARGS:-}"
[ -n "${LOAD_BRIDGE_ARGS+x}" ] && props+=(-Dload.bridgeArgs="$LOAD_BRIDGE_ARGS")
[ -n "${LOAD_LISTENERS:-}" ] && props+=(-Dload.listeners="$LOAD_LISTENERS")
if $bridge_only; then
  java ${generator_args[@]+"${generator_args[@]}"} "${props[@]}" -cp "$cp" app.highway.bench.load.LoadGenerator "${1:-1,10,50,100,200,300}" "${2:-30}"
  cat target/bench/load.md
  if [ "${SKIP_CONSOLE:-0}" != 1 ]; then
    bash packaging/console-benchmark.sh
  fi
  exit 0
fi
command -v node >/dev/null || { echo "node is needed for Twilio's Node sample" >&2; exit 1; }
command -v npm >/dev/null || { echo "npm is needed for Twilio's Node sample" >&2; exit 1; }
java ${generator_args[@]+"${generator_args[@]}"} "${props[@]}" -Dpeer.deflateCalls="${PEER_DEFLATE_CALLS:-100}" -cp "$cp" \
  app.highway.bench.load.PeerBenchmark "${1:-1,50,100,200,500}" "${2:-30}"
cat target/bench/peer.md
