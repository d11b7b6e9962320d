#!/usr/bin/env bash
# Reproduces BENCHMARKS.md: the harness calibration (against wrk, and its own ceiling against
# nginx) and every scenario on an embedded payonce. Needs wrk and nginx-light (Debian packages).
# Usage: payonce-bench/benchmarks.sh [OUT_DIR]   (about 20 minutes on 2 cores)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/bench-out/benchmarks}"
mkdir -p "$out"
payonce="$here/payonce"
token=calibration-admin-token-0123456789
port=18080
log() { echo "## $* ($(date -u +%FT%TZ), $(uptime | sed 's/.*load/load/'))" | tee -a "$out/log.txt"; }

# --- calibration service: payonce serve with one product ---
PAYONCE_RATE_LIMIT_PER_SECOND=0 PAYONCE_ADMIN_TOKEN=$token "$payonce" serve --port $port > "$out/serve.log" 2>&1 &
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
for r in 500 1500; do
  log "bench http-get --rate $r --ramp-up 5 --warmup 10 --duration 30"
  calibrate --rate $r --ramp-up 5 --warmup 10 --duration 30 --out "$out/calibration-open$r" | tee -a "$out/log.txt"
done
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
  log "bench --scenario $name $* --ramp-up 5 --warmup 10 --duration 30"
  "$payonce" bench --scenario "$name" "$@" --ramp-up 5 --warmup 10 --duration 30 --out "$out/$name" | tee -a "$out/log.txt"
  echo "exit code $?" | tee -a "$out/log.txt"
}
scenario member-renew --rate 150
scenario duplicate-storm --rate 10
scenario flash-sale --rate 150 --stock 100
scenario callback-storm --rate 40
scenario faults --rate 40
scenario mixed --rate 80
scenario member-renew --users 16
scenario mixed --users 16
