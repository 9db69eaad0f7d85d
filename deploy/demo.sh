#!/usr/bin/env bash
# `make demo`: the reference market server on loopback with demo data, this kiosk enrolled
# with it, a job posted at the market every 30 s, and the kiosk in demo mode syncing live,
# with the market's employer pages (/employer/) and worker pages (/worker/) opened beside it
# in phone-sized chromium windows. Without a display the kiosk syncs once headless, renders
# its screens to ./screenshots, and the two pages are rendered to ./screenshots too.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
STATE=.demo
PORT=${DEMO_MARKET_PORT:-8800}
URL="http://127.0.0.1:${PORT}"
export MARKET_DATABASE_URL="sqlite:///${PWD}/${STATE}/market.sqlite3"
mkdir -p "$STATE"

fresh=0
if [ ! -f "$STATE/market.sqlite3" ]; then
  echo "demo: creating the market's demo catalogue"
  "$BIN/market-admin" import-demo --jobs 2000
  fresh=1
fi

"$BIN/market-server" --port "$PORT" >"$STATE/market.log" 2>&1 &
server=$!
feeder=""
pages=()
cleanup() {
  [ -n "$feeder" ] && kill "$feeder" 2>/dev/null || true
  for p in "${pages[@]}"; do kill "$p" 2>/dev/null || true; done
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 100); do
  curl -fsS "$URL/v1/status" >/dev/null 2>&1 && break
  sleep 0.1
done

if [ "$fresh" = 1 ] || ! "$BIN/kiosk-admin" --demo sync --once >/dev/null 2>&1; then
  echo "demo: enrolling the demo kiosk with $URL"
  "$BIN/kiosk-admin" --demo enrol "$URL" --name demo-kiosk --force >"$STATE/enrol.log" 2>&1 &
  enrol=$!
  for _ in $(seq 100); do
    grep -q "Enrolment code" "$STATE/enrol.log" 2>/dev/null && break
    sleep 0.1
  done
  "$BIN/market-admin" approve --all-pending
  wait "$enrol"
  cat "$STATE/enrol.log"
fi

# The market keeps posting: a new job every 30 s, so the kiosk shows them arriving.
(
  trades=(banyun niwa baojie shuidian zhuangxiu_xiaogong)
  i=0
  while sleep 30; do
    t=${trades[$((i % ${#trades[@]}))]}
    "$BIN/market-admin" post-job --trade "$t" --title "演示岗位 $((i + 1))" \
      --wage $((220 + (i % 5) * 20)) --slots 3 >/dev/null 2>&1 || true
    i=$((i + 1))
  done
) &
feeder=$!

echo "demo: employers sign up and post at $URL/employer/"
echo "demo: workers sign in at $URL/worker/ with the code the kiosk shows (home, 'On my phone')"
browser=$(command -v chromium || command -v chromium-browser || true)

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  if [ -n "$browser" ]; then
    for page in employer worker; do
      "$browser" --user-data-dir="$STATE/browser-$page" --window-size=420,860 \
        --app="$URL/$page/" >/dev/null 2>&1 &
      pages+=("$!")
    done
  fi
  "$BIN/kiosk" --demo "$@"
elif [ -n "${QT_QPA_PLATFORM:-}" ]; then
  "$BIN/kiosk" --demo "$@"
else
  echo "demo: no display; one sync cycle, then the screens rendered to ./screenshots"
  "$BIN/kiosk-admin" --demo sync --once
  "$BIN/kiosk-admin" --demo screenshots screenshots
  if [ -n "$browser" ]; then
    for page in employer worker; do
      "$browser" --headless --no-sandbox --user-data-dir="$STATE/browser-$page" \
        --window-size=420,860 --screenshot="$PWD/screenshots/page-$page.png" \
        "$URL/$page/" >/dev/null 2>&1 || true
    done
    echo "demo: the two pages rendered to screenshots/page-employer.png, page-worker.png"
  fi
fi
