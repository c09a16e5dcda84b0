#!/usr/bin/env bash
# Takes the README screenshot: the console in simulation mode with several live calls, under Xvfb.
# Needs: xvfb, imagemagick (import), xdotool, curl. Usage: packaging/screenshot.sh [out.png]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-assets/screenshots/console.png}"
work=$(mktemp -d)
[ -f target/highway.jar ] || mvn -B -q -DskipTests package
export HIGHWAY_DATA_DIR="$work/data" HIGHWAY_API_TOKEN=screenshot PORT=3299
xvfb-run -a -s "-screen 0 1400x880x24" bash -c '
  java -jar target/highway.jar --simulate > "'"$work"'/console.log" 2>&1 &
  for i in $(seq 1 40); do curl -sf localhost:3299/health >/dev/null && break; sleep 0.5; done
  sleep 2
  for i in 1 2 3 4 5 6 7; do
    curl -s -X POST localhost:3299/call-customer -H "Authorization: Bearer screenshot" \
      -H "Content-Type: application/json" -d "{\"to\":\"+1555987654$i\",\"verification\":\"48213$i\"}" >/dev/null
    sleep 0.7
  done
  sleep 3
  xdotool mousemove 640 260 click 1
  sleep 2.5
  import -window root "'"$out"'"
  kill %1
'
echo "wrote $out"
