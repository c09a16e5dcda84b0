#!/usr/bin/env bash
# Takes the README's Supervise screenshot: a simulated call selected, a supervisor's note whispered into it,
# the call detail's Supervise section in view, under Xvfb (which has no sound card: Listen and Take over say so).
# Needs: xvfb, imagemagick (import), xdotool, curl. Usage: packaging/supervise-screenshot.sh [out.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-assets/screenshots/supervise.png}"
work=$(mktemp -d)
[ -f target/highway.jar ] || mvn -B -q -DskipTests package
export HIGHWAY_DATA_DIR="$work/data" HIGHWAY_API_TOKEN=screenshot PORT=3298
xvfb-run -a -s "-screen 0 1400x880x24" bash -c '
  java -jar target/highway.jar --simulate > "'"$work"'/console.log" 2>&1 &
  for i in $(seq 1 120); do curl -sf localhost:3298/health >/dev/null && break; sleep 0.5; done
  sleep "${SCREENSHOT_SETTLE:-3}"
  for i in 1 2 3; do
    curl -s -X POST localhost:3298/call-customer -H "Authorization: Bearer screenshot" \
      -H "Content-Type: application/json" -d "{\"to\":\"+1555987654$i\",\"verification\":\"48213$i\"}" >/dev/null
    sleep 0.7
  done
  sleep 4
  xdotool mousemove 640 268 click 1
  sleep 1
  for id in $(curl -s "localhost:3298/calls?state=in-progress" -H "Authorization: Bearer screenshot" \
      | grep -o "\"id\":\"hw-[^\"]*\"" | cut -d\" -f4); do
    curl -s -X POST "localhost:3298/calls/$id/whisper" -H "Authorization: Bearer screenshot" \
      -H "Content-Type: application/json" -d "{\"text\":\"Be brief, they are driving\"}" >/dev/null
  done
  xdotool mousemove 480 633 click 1 type "Ask them to confirm the last two digits"
  xdotool mousemove 1000 600
  sleep 2.5
  import -window root "'"$out"'"
  kill %1
'
echo "wrote $out"
