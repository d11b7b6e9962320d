#!/usr/bin/env bash
# A local payonce cluster: three `payonce serve` instances on one PostgreSQL and one Redis, paying
# through one sandbox gateway, behind Debian's nginx on one port (README, "Running several instances").
#
#   deploy/cluster.sh up       start what is not running yet, wait until every instance is healthy
#   deploy/cluster.sh status   each part, its pid and its health
#   deploy/cluster.sh down     stop everything it started (the data stays in the run folder)
#
# Settings (environment):
#   PAYONCE_CLUSTER_DIR        run folder: pid files, logs, data (default ./cluster-run)
#   PAYONCE_CLUSTER_PORT       nginx's port (default 8180); instance i listens on PORT+i, its
#                              management port is PORT+10+i, the sandbox gateway is on PORT+1010
#   PAYONCE_CLUSTER_INSTANCES  how many instances (default 3)
#   PAYONCE_DB_URL             a PostgreSQL to share (postgresql://user@host:port/db, created beforehand);
#                              default: a PostgreSQL of the cluster's own in RUN/postgres
#                              (Debian's postgresql binaries) on PORT+1015, database payonce
#   PAYONCE_REDIS_URL          a Redis to share; default: a redis-server of the cluster's own on PORT+1016
#   PAYONCE_ADMIN_TOKEN, PAYONCE_CARD_KEY_ENCRYPTION_KEY: default generated once into RUN (mode 600)
#   PAYONCE_JAVA_OPTS          each instance's JVM options (default -Xmx384m: four JVMs share the machine)
# Any other PAYONCE_* variable set when calling `up` reaches every instance.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
run="$(mkdir -p "${PAYONCE_CLUSTER_DIR:-$root/cluster-run}" && cd "${PAYONCE_CLUSTER_DIR:-$root/cluster-run}" && pwd)"
port="${PAYONCE_CLUSTER_PORT:-8180}"
instances="${PAYONCE_CLUSTER_INSTANCES:-3}"
gateway_port=$((port + 1010))
pg_port=$((port + 1015))
redis_port=$((port + 1016))
# Three cold JVMs at once on 2 cores: 20 s on a quiet machine, near 4 minutes with other builds
# running (load average 35); past 10 minutes something is wrong.
start_wait_s=600

say() { echo "cluster: $*" >&2; }
die() { say "$*"; exit 1; }

alive() { [ -f "$1" ] && kill -0 "$(head -1 "$1")" 2>/dev/null; }

# Waits until the URL answers 200, or the process of the pid file dies, or the wait is over.
await_ok() {
  local url="$1" pidfile="$2" what="$3" deadline=$((SECONDS + start_wait_s))
  until curl -fs -o /dev/null --max-time 5 "$url"; do
    alive "$pidfile" || die "$what exited while starting; see its log in $run"
    [ "$SECONDS" -lt "$deadline" ] || die "$what did not answer $url within ${start_wait_s}s; see its log in $run"
    sleep 1
  done
}

# A secret generated once and kept in the run folder, unless the variable is set.
secret() {
  local name="$1" file="$run/$2" bytes="$3"
  if [ -n "${!name:-}" ]; then echo "${!name}"; return; fi
  [ -f "$file" ] || (umask 077 && openssl rand -base64 "$bytes" | tr -d '\n' > "$file")
  cat "$file"
}

pg_bin() {
  local dir
  for dir in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent)")" /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  done
  die "no PostgreSQL binaries (pg_ctl, initdb); Debian: apt-get install postgresql, or set PAYONCE_DB_URL"
}

# PostgreSQL refuses to run as root: then its folder belongs to the postgres user, who runs it.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

db_url() {
  if [ -n "${PAYONCE_DB_URL:-}" ]; then echo "$PAYONCE_DB_URL"; else echo "postgresql://postgres@127.0.0.1:$pg_port/payonce"; fi
}

redis_url() {
  if [ -n "${PAYONCE_REDIS_URL:-}" ]; then echo "$PAYONCE_REDIS_URL"; else echo "redis://127.0.0.1:$redis_port"; fi
}

up_postgres() {
  [ -n "${PAYONCE_DB_URL:-}" ] && return
  local bin data="$run/postgres"
  bin="$(pg_bin)"
  if [ ! -f "$data/PG_VERSION" ]; then
    say "initdb in $data"
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data"
    as_pg "$bin/initdb" -D "$data" -U postgres -A trust >"$run/postgres-initdb.log" 2>&1
  fi
  if ! as_pg "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    say "PostgreSQL on 127.0.0.1:$pg_port"
    # Durable commits, as production's: the audit's "acknowledged means stored" must mean it here.
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/postgres.log" -w start \
      -o "-p $pg_port -k $data -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on -c synchronous_commit=on" >/dev/null
  fi
  psql -h 127.0.0.1 -p "$pg_port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'payonce'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE payonce"
}

up_redis() {
  [ -n "${PAYONCE_REDIS_URL:-}" ] && return
  alive "$run/redis.pid" && return
  command -v redis-server >/dev/null || die "no redis-server; Debian: apt-get install redis-server, or set PAYONCE_REDIS_URL"
  say "Redis on 127.0.0.1:$redis_port"
  # Nothing on disk: Redis only cuts load and latency, PostgreSQL keeps every guarantee.
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$run/redis.pid" --logfile "$run/redis.log" --dir "$run"
  local deadline=$((SECONDS + 20))
  until [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ]; do
    [ "$SECONDS" -lt "$deadline" ] || die "Redis did not answer on $redis_port; see $run/redis.log"
    sleep 0.2
  done
}

up_gateway() {
  alive "$run/gateway.pid" && return
  say "sandbox gateway on 127.0.0.1:$gateway_port"
  # One gateway for every instance, in a process of its own: killing an instance must not take
  # the gateway (and its notifications) down with it, as `payonce serve`'s child would be.
  # Notifications retry on the real schedules scaled down a hundredfold, as the bench's gateway.
  nohup "$root/payonce" gateway --port "$gateway_port" --data "$run/sandbox-gateway" --notify-time-scale 0.01 \
    >"$run/gateway.log" 2>&1 &
  echo $! > "$run/gateway.pid"
  await_ok "http://127.0.0.1:$gateway_port/sandbox/health" "$run/gateway.pid" "the sandbox gateway"
  local deadline=$((SECONDS + 60))
  until grep -q "127.0.0.1:$gateway_port/" "$run/sandbox-gateway/keys/merchant.properties" 2>/dev/null; do
    [ "$SECONDS" -lt "$deadline" ] || die "the sandbox gateway wrote no merchant settings; see $run/gateway.log"
    sleep 0.5
  done
}

up_instance() {
  local i="$1" pidfile="$run/payonce-$1.pid"
  alive "$pidfile" && return
  say "payonce $i on 127.0.0.1:$((port + i)) (management $((port + 10 + i)))"
  # The same settings for every instance but its ports: they keep nothing of their own.
  # nginx sends X-Forwarded-For; Tomcat takes the client's address from it when the proxy is
  # loopback (forward-headers-strategy native), so per-address limits see the client, not nginx.
  # The per-address cap on unpaid reservations is off by default here: on one machine every
  # local client, the bench's whole crowd included, is 127.0.0.1 (set it to turn it back on).
  PORT=$((port + i)) PAYONCE_MANAGEMENT_PORT=$((port + 10 + i)) PAYONCE_DATA_DIR="$run/payonce-$i" \
    PAYONCE_DB_URL="$(db_url)" PAYONCE_REDIS_URL="$(redis_url)" \
    PAYONCE_ADMIN_TOKEN="$admin_token" PAYONCE_CARD_KEY_ENCRYPTION_KEY="$card_key" \
    SPRING_CONFIG_IMPORT="file:$run/sandbox-gateway/keys/merchant.properties" \
    SERVER_FORWARD_HEADERS_STRATEGY=native PAYONCE_CONNECTIONS_EXEMPT=127.0.0.1 \
    PAYONCE_RATE_LIMIT_PER_SECOND="${PAYONCE_RATE_LIMIT_PER_SECOND:-0}" \
    PAYONCE_RESERVATIONS_IP_UNITS_MAX="${PAYONCE_RESERVATIONS_IP_UNITS_MAX:-0}" \
    PAYONCE_JAVA_OPTS="${PAYONCE_JAVA_OPTS:--Xmx384m}" \
    nohup "$root/payonce" serve --no-gateway >"$run/payonce-$i.log" 2>&1 &
  echo $! > "$pidfile"
}

up_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || die "no nginx; Debian: apt-get install nginx"
  local nginx servers="" i
  nginx="$(command -v nginx || echo /usr/sbin/nginx)"
  for i in $(seq 1 "$instances"); do servers+="        server 127.0.0.1:$((port + i)) max_fails=1 fail_timeout=2s;"$'\n'; done
  mkdir -p "$run/nginx"
  awk -v servers="$servers" -v run="$run" -v listen="127.0.0.1:$port" \
    '{ gsub(/@RUN@/, run); gsub(/@LISTEN@/, listen); if ($0 ~ /^@UPSTREAM_SERVERS@$/) printf "%s", servers; else print }' \
    "$here/nginx/cluster.conf" > "$run/nginx/nginx.conf"
  "$nginx" -t -q -p "$run/nginx" -c "$run/nginx/nginx.conf"
  if alive "$run/nginx/nginx.pid"; then
    "$nginx" -p "$run/nginx" -c "$run/nginx/nginx.conf" -s reload
  else
    say "nginx on 127.0.0.1:$port"
    "$nginx" -p "$run/nginx" -c "$run/nginx/nginx.conf"
  fi
}

up() {
  # Build once here: three launchers building at the same time would race.
  "$root/payonce" --version >/dev/null
  up_postgres
  up_redis
  up_gateway
  # Read once, out here: a command substitution inside a background command's assignments read
  # an empty variable now and then (seen with bash 5.2), and an instance then refused to start.
  admin_token="$(secret PAYONCE_ADMIN_TOKEN admin-token 24)"
  card_key="$(secret PAYONCE_CARD_KEY_ENCRYPTION_KEY card-key.key 32)"
  local i
  for i in $(seq 1 "$instances"); do up_instance "$i"; done
  for i in $(seq 1 "$instances"); do
    await_ok "http://127.0.0.1:$((port + i))/actuator/health" "$run/payonce-$i.pid" "payonce $i"
  done
  up_nginx
  await_ok "http://127.0.0.1:$port/actuator/health" "$run/nginx/nginx.pid" "nginx"
  status
  cat >&2 <<EOF
cluster: up. Admin token: $run/admin-token (or your PAYONCE_ADMIN_TOKEN). A bench run against it, audited:
  ./payonce bench --scenario duplicate-storm --rate 10 --warmup 30 --duration 30 --target http://127.0.0.1:$port \\
    --admin-token "\$(cat $run/admin-token)" --gateway-url http://127.0.0.1:$gateway_port --db-url $(db_url)
EOF
}

# SIGTERM, then SIGKILL after 30 s: payonce finishes its requests in flight and closes its pool.
stop_pid() {
  local pidfile="$1" what="$2" pid
  alive "$pidfile" || { rm -f "$pidfile"; return; }
  pid="$(cat "$pidfile")"
  say "stopping $what ($pid)"
  kill "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  rm -f "$pidfile"
}

down() {
  local i nginx
  nginx="$(command -v nginx || echo /usr/sbin/nginx)"
  alive "$run/nginx/nginx.pid" && { say "stopping nginx"; "$nginx" -p "$run/nginx" -c "$run/nginx/nginx.conf" -s quit; }
  for i in $(seq 1 "$instances"); do stop_pid "$run/payonce-$i.pid" "payonce $i"; done
  stop_pid "$run/gateway.pid" "the sandbox gateway"
  [ -z "${PAYONCE_REDIS_URL:-}" ] && stop_pid "$run/redis.pid" "Redis"
  if [ -z "${PAYONCE_DB_URL:-}" ] && [ -f "$run/postgres/PG_VERSION" ]; then
    as_pg "$(pg_bin)/pg_ctl" -D "$run/postgres" status >/dev/null 2>&1 \
      && { say "stopping PostgreSQL"; as_pg "$(pg_bin)/pg_ctl" -D "$run/postgres" -m fast -w stop >/dev/null; }
  fi
  say "down (data kept in $run)"
}

# One line per part: up or down, and what its health check says.
status() {
  local i health
  printf '%-16s %-8s %-7s %s\n' part pid state health
  line() { printf '%-16s %-8s %-7s %s\n' "$1" "$( [ -f "$2" ] && head -1 "$2" || echo -)" "$(alive "$2" && echo up || echo down)" "$3"; }
  probe() { curl -sS --max-time 3 "$1" 2>/dev/null | tr -d '\n' | cut -c1-100 || true; }
  for i in $(seq 1 "$instances"); do
    health="$(probe "http://127.0.0.1:$((port + 10 + i))/actuator/health")"
    line "payonce $i" "$run/payonce-$i.pid" "${health:-no answer} (:$((port + i)))"
  done
  line "gateway" "$run/gateway.pid" "$(probe "http://127.0.0.1:$gateway_port/sandbox/health") (:$gateway_port)"
  line "nginx" "$run/nginx/nginx.pid" "$(probe "http://127.0.0.1:$port/actuator/health") (:$port)"
  if [ -z "${PAYONCE_REDIS_URL:-}" ]; then
    line "redis" "$run/redis.pid" "$(redis-cli -p "$redis_port" ping 2>/dev/null || echo no answer) (:$redis_port)"
  fi
  if [ -z "${PAYONCE_DB_URL:-}" ]; then
    line "postgres" "$run/postgres/postmaster.pid" "$(pg_isready -h 127.0.0.1 -p "$pg_port" 2>&1 || true)"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: deploy/cluster.sh up|down|status" >&2; exit 2 ;;
esac
