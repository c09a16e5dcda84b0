#!/bin/bash
# A console connected to a headless simulated bridge as a supervisor, while an agent places calls (needs xvfb, imagemagick, xdotool, curl, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/highway.jar ] || mvn -B -q -DskipTests package
work=$(mktemp -d)
out=${1:-assets/screenshots/remote-console.png}
export HIGHWAY_API_TOKEN=screenshot
HIGHWAY_DATA_DIR="$work/bridge" PORT=3298 java -jar target/highway.jar --headless --simulate > "$work/bridge.log" 2>&1 &
bridge=$!
for i in $(seq 1 60); do curl -sf localhost:3298/health >/dev/null && break; sleep 0.5; done
token=$(curl -s -X POST localhost:3298/people -H "Authorization: Bearer screenshot" -H "Content-Type: application/json" \
  -d '{"user":"sue","role":"supervisor","name":"Sue Supervisor"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"]["token"])')
aliceToken=$(curl -s -X POST localhost:3298/people -H "Authorization: Bearer screenshot" -H "Content-Type: application/json" \
  -d '{"user":"alice","role":"agent"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"]["token"])')
HIGHWAY_DATA_DIR="$work/console" XDG_CONFIG_HOME="$work/config" HIGHWAY_API_TOKEN= HIGHWAY_CONNECT_URL=http://127.0.0.1:3298 HIGHWAY_CONNECT_TOKEN="$token" PORT=3297 \
xvfb-run -a -s "-screen 0 1400x880x24" bash -c '
  java -jar target/highway.jar > "'"$work"'/console.log" 2>&1 &
  for i in $(seq 1 60); do grep -q "Console ready" "'"$work"'/console.log" && break; sleep 0.5; done
  sleep 2
  for i in 1 2 3 4 5; do
    curl -s -X POST localhost:3298/call-customer -H "Authorization: Bearer '"$aliceToken"'" \
      -H "Content-Type: application/json" -d "{\"to\":\"+1555987654$i\",\"verification\":\"48213$i\"}" >/dev/null
    sleep 0.7
  done
  sleep 3
  xdotool mousemove 640 260 click 1
  sleep 2.5
  import -window root "'"$out"'"
  kill %1
'
kill $bridge
grep -i 'error\|exception' "$work/console.log" | head -5 || true
grep -c "$token" "$work/console.log" "$work/bridge.log" || true
echo "wrote $out ($work)"
