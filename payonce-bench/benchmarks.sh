#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: the harness calibration (against wrk, and its own ceiling against
# nginx) and every scenario on an embedded payonce. Needs wrk and nginx-light (Debian packages).
# Usage: payonce-bench/benchmarks.sh [OUT_DIR]   (about 30 minutes on 2 cores)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/bench-out/benchmarks}"
mkdir -p "$out"
payonce="$here/payonce"
token=calibration-admin-token-0123456789
port=18080
log() { echo "## $* ($(date -u +%FT%TZ), $(uptime | sed 's/.*load/load/'))" | tee -a "$out/log.txt"; }

# --- calibration service: payonce serve with one product ---
# --ephemeral: a fresh throwaway database each run (the product below is created anew), with the
# fsync-off settings the 2026-11-23 figures were measured under (see the note atop BENCHMARKS.md).
PAYONCE_RATE_LIMIT_PER_SECOND=0 PAYONCE_ADMIN_TOKEN=$token "$payonce" serve --ephemeral --port $port > "$out/serve.log" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null; [ -f "$out/nginx.pid" ] && kill "$(cat "$out/nginx.pid")" 2>/dev/null' EXIT
until curl -sf http://127.0.0.1:$port/actuator/health > /dev/null; do sleep 1; done
curl -s -X POST http://127.0.0.1:$port/v1/admin/products -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"sku":"cal-1","name":"Calibration","kind":"CARD_KEY","price":1999,"currency":"CNY"}' > /dev/null
url=http://127.0.0.1:$port/v1/products/cal-1
calibrate() { "$payonce" bench --scenario http-get --target http://127.0.0.1:$port --admin-token $token --path /v1/products/cal-1 "$@"; }

for c in 1 16; do
  log "wrk -t1 -c$c -d30s --latency $url (after a 10 s warm-up run)"
  wrk -t1 -c$c -d10s "$url" > /dev/null
  wrk -t1 -c$c -d30s --latency "$url" | tee -a "$out/log.txt"
  log "bench http-get --users $c --warmup 10 --duration 30"
  calibrate --users $c --warmup 10 --duration 30 --out "$out/calibration-closed$c" | tee -a "$out/log.txt"
done
# wrk2 is not packaged; wrk paced by a Lua delay() (16 connections, 10 ms between a connection's
# requests) offers a near-constant rate, then the harness's open model offers the same rate.
echo 'function delay() return 10 end' > "$out/paced.lua"
log "wrk -t1 -c16 -d30s --latency -s paced.lua $url (about 1500/s)"
wrk -t1 -c16 -d10s -s "$out/paced.lua" "$url" > /dev/null
wrk -t1 -c16 -d30s --latency -s "$out/paced.lua" "$url" | tee "$out/paced.txt" | tee -a "$out/log.txt"
rate=$(awk '/Requests\/sec/ {printf "%d", $2}' "$out/paced.txt")
log "bench http-get --rate $rate --ramp-up 5 --warmup 10 --duration 30"
calibrate --rate "$rate" --ramp-up 5 --warmup 10 --duration 30 --out "$out/calibration-open$rate" | tee -a "$out/log.txt"
kill $serve; wait $serve 2>/dev/null

# --- the harness's own ceiling, against nginx answering a constant JSON body ---
cat > "$out/nginx.conf" <<NGINX
worker_processes 1;
pid $out/nginx.pid;
error_log $out/nginx-error.log;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  server { listen 127.0.0.1:18090; location / { default_type application/json; return 200 '{"status":"UP"}'; } } }
NGINX
nginx -c "$out/nginx.conf"
log "wrk -t1 -c64 -d20s against nginx"
wrk -t1 -c64 -d20s http://127.0.0.1:18090/x | tee -a "$out/log.txt"
for model in "--users 64" "--rate 10000 --ramp-up 8"; do
  log "bench http-get against nginx $model --warmup 10 --duration 20"
  "$payonce" bench --scenario http-get --target http://127.0.0.1:18090 --admin-token unused-token-0123456789 --path /x \
    $model --warmup 10 --duration 20 --out "$out/ceiling-${model// /}" | tee -a "$out/log.txt"
done
kill "$(cat "$out/nginx.pid")"

# --- the scenarios, each on a fresh embedded payonce (child JVM, embedded PostgreSQL) ---
scenario() {
  local name=$1; shift
  log "bench --scenario $name $* --duration 30"
  local dir="$out/$name$(echo "$*" | tr -d ' -')"
  "$payonce" bench --scenario "$name" "$@" --duration 30 --out "$dir" | tee -a "$out/log.txt"
  echo "exit code ${PIPESTATUS[0]}" | tee -a "$out/log.txt"
}
# Open model below saturation (about half of what 16 closed-loop users reach, below), after a
# 20 s ramp and a 30 s warm-up: a cold service needs that long before it keeps up at 800/s.
scenario member-renew --rate 800 --ramp-up 20 --warmup 30
scenario duplicate-storm --rate 40 --ramp-up 20 --warmup 30
scenario flash-sale --rate 100 --stock 5000 --ramp-up 20 --warmup 30
scenario callback-storm --rate 100 --ramp-up 20 --warmup 30
scenario faults --rate 100 --ramp-up 20 --warmup 30
scenario mixed --rate 100 --ramp-up 20 --warmup 30
# Capacity: 16 users, closed loop.
for name in member-renew duplicate-storm flash-sale callback-storm faults mixed; do
  scenario "$name" --users 16 --ramp-up 5 --warmup 10
done
# Stock hoarding (issue 13): 10 clients that reserve and never pay, beside the real buyers, with
# the per-session cap on unpaid reservations (default 10 units) and without it. The harness's
# environment reaches its embedded service.
for caps in on off; do
  limit=10; [ "$caps" = off ] && limit=0
  log "bench flash-sale and mixed with --hoarders 10, caps $caps"
  PAYONCE_RESERVATIONS_BUYER_UNITS_MAX=$limit "$payonce" bench --scenario flash-sale --rate 100 --duration 20 --stock 200 \
    --hoarders 10 --out "$out/hoarders-flash-sale-caps-$caps" | tee -a "$out/log.txt"
  PAYONCE_RESERVATIONS_BUYER_UNITS_MAX=$limit "$payonce" bench --scenario mixed --rate 100 --duration 30 \
    --hoarders 10 --out "$out/hoarders-mixed-caps-$caps" | tee -a "$out/log.txt"
done
