#!/usr/bin/env bash
# Starts the platform as the README says (embedded database, demo district) on
# an empty data folder, waits until it is ready, signs in as the dispatcher
# and checks that the demo tickets are there. Prints how long each part took.
set -euo pipefail
cd "$(dirname "$0")/.."
data=$(mktemp -d)
port=${SMOKE_PORT:-3917}
log=$(mktemp)
if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
  echo "port $port is already in use: stop that server or set SMOKE_PORT"; exit 1
fi
start=$(date +%s.%N)
# Its own process group, so that cleanup stops npm and the server it started.
DATA_DIR="$data" PORT="$port" setsid npm start >"$log" 2>&1 &
pid=$!
cleanup() {
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT
for _ in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then cat "$log"; echo "server exited"; exit 1; fi
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null || { cat "$log"; echo "not ready in 180 s"; exit 1; }
ready=$(date +%s.%N)
awk -v a="$start" -v b="$ready" 'BEGIN { printf "ready after %.1f s (fresh data folder: migrations + demo district)\n", b - a }'
jar=$(mktemp)
curl -fsS -c "$jar" -H 'content-type: application/json' -d '{"username":"dispatcher","password":"demo"}' "http://127.0.0.1:$port/api/auth/login" >/dev/null
total=$(curl -fsS -b "$jar" "http://127.0.0.1:$port/api/tickets?pageSize=1" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).total))')
rm -f "$jar"
echo "demo tickets visible to the dispatcher: $total"
[ "$total" -ge 4000 ] || { echo "expected the demo district's ~5,000 tickets"; exit 1; }
grep -q '演示账号' "$log" || { cat "$log"; echo "start did not print the demo logins"; exit 1; }
echo "npm start smoke test passed"
