#!/usr/bin/env bash
# Renders each panel of the Grafana dashboard (deploy/grafana/payonce.json) to a PNG, headless,
# without Grafana (which no registry here packages): Debian's Prometheus scrapes a payonce, and
# headless Chromium screenshots Prometheus's own graph page for each panel's queries.
#
#   deploy/render-dashboards.sh [--out DIR] [--seconds S] [--metrics HOST:PORT]
#
#   --out DIR            where the PNGs go (default docs/images); one per panel, dashboard-NN-<title>.png
#   --seconds S          how long to drive traffic (and scrape) before the screenshots (default 120)
#   --metrics HOST:PORT  a running payonce's management port to scrape instead; no traffic is driven
#
# Without --metrics it starts `./payonce serve --ephemeral` (its own throwaway database and sandbox
# gateway, on free ports), registers a webhook endpoint nobody listens on (so the webhook panel has
# failed attempts to show), drives `./payonce bench --scenario mixed` against it, and stops all of
# it at the end. Needs: prometheus (apt-get install prometheus), chromium (apt-get install
# chromium), python3, curl, and a JDK 21+ for ./payonce.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/docs/images"; seconds=120; metrics=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --metrics) metrics="$2"; shift 2 ;;
    *) echo "unknown option $1 (see the head of $0)" >&2; exit 2 ;;
  esac
done
command -v prometheus >/dev/null || { echo "prometheus is missing: apt-get install prometheus" >&2; exit 3; }
chrome="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chrome" ] || { echo "chromium is missing: apt-get install chromium" >&2; exit 3; }

work="$(mktemp -d)"; pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
await() { # url, seconds
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null "$1"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "no answer from $1 within $2 s" >&2; exit 4; }
    sleep 1
  done
}

token="render-$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
if [ -z "$metrics" ]; then
  port="$(free_port)"; management="$(free_port)"; gateway="$(free_port)"
  echo "render: starting payonce on $port (metrics on $management), its sandbox gateway on $gateway" >&2
  PAYONCE_ADMIN_TOKEN="$token" PAYONCE_MANAGEMENT_PORT="$management" PAYONCE_RATE_LIMIT_PER_SECOND=0 \
    "$here/payonce" serve --ephemeral --port "$port" --gateway-port "$gateway" >"$work/serve.log" 2>&1 &
  pids+=($!)
  await "http://127.0.0.1:$port/actuator/health" 600
  metrics="127.0.0.1:$management"
  curl -fs -X POST "http://127.0.0.1:$port/v1/admin/webhook-endpoints" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d '{"url":"http://127.0.0.1:9/nobody-listens","eventTypes":["order.paid","order.delivered"]}' >/dev/null
fi

prom_port="$(free_port)"
cat >"$work/prometheus.yml" <<YAML
global: {scrape_interval: 2s, evaluation_interval: 2s}
scrape_configs:
  - job_name: payonce
    metrics_path: /actuator/prometheus
    static_configs: [{targets: ['$metrics']}]
YAML
prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/tsdb" \
  --web.listen-address="127.0.0.1:$prom_port" >"$work/prometheus.log" 2>&1 &
pids+=($!)
await "http://127.0.0.1:$prom_port/-/ready" 60

if [ -n "${port:-}" ]; then
  echo "render: driving traffic for $seconds s" >&2
  "$here/payonce" bench --scenario mixed --target "http://127.0.0.1:$port" --admin-token "$token" \
    --gateway-url "http://127.0.0.1:$gateway" --rate 30 --duration "$seconds" --out "$work/bench" >"$work/bench.log" 2>&1 || true
else
  sleep "$seconds"
fi

mkdir -p "$out"
python3 - "$here/deploy/grafana/payonce.json" "$prom_port" >"$work/panels.tsv" <<'PY'
import json, re, sys, urllib.parse
dashboard = json.load(open(sys.argv[1]))
for number, panel in enumerate(dashboard["panels"], 1):
    query = {}
    for i, target in enumerate(panel["targets"]):
        query.update({f"g{i}.expr": target["expr"], f"g{i}.tab": "0", f"g{i}.stacked": "0",
                      f"g{i}.show_exemplars": "0", f"g{i}.range_input": "5m"})
    name = "dashboard-%02d-%s.png" % (number, re.sub(r"[^a-z0-9]+", "-", panel["title"].lower()).strip("-"))
    url = f"http://127.0.0.1:{sys.argv[2]}/graph?" + urllib.parse.urlencode(query)
    print(f"{name}\t{len(panel['targets'])}\t{url}")
PY
while IFS=$'\t' read -r name graphs url; do
  "$chrome" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-extensions --hide-scrollbars \
    --user-data-dir="$work/chrome" --window-size=1200,$((160 + 940 * graphs)) --virtual-time-budget=20000 \
    --screenshot="$out/$name" "$url" >/dev/null 2>&1
  echo "render: $out/$name" >&2
done <"$work/panels.tsv"
