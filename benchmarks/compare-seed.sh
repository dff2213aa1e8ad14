#!/usr/bin/env bash
# http-app against the seed's original Python service, side by side in one run (issue 7): a thin
# wrapper around the shared ../shared/bench/compare-seed.sh (POST /get_balance on both, the same
# zero-latency nginx upstream stubs, wrk with 32 connections; it prints the ratio last). This
# wrapper builds the jar when it is missing or older than the sources, checks the tools and ports
# first, adds the date, the machine and its load to the figures, and the service's peak RSS. Goal: ratio >= 10, no non-2xx.
#
# Needs Debian packages: nginx-light wrk python3-fastapi python3-uvicorn python3-httpx curl
#   openjdk-17-jdk-headless (maven to build the jar if needed).
# Usage: benchmarks/compare-seed.sh [JAR]   (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_JAVA_OPTS pass through)
# JAR: another build's http-app jar to measure (e.g. a copy of an older build's, for A/B runs);
# default this tree's http-app/target/aida-billing-http.jar, built first when missing or stale.
# The service runs with bin/aida-billing-http's JVM options (what operators and the systemd unit
# run: the serial collector, C1 only) unless BENCH_JAVA_OPTS is set; BENCH_JAVA_OPTS= (empty) runs
# the JVM's defaults (G1, C2), as every figure before 2026-11-27 09:00 did.
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
if [ $# -gt 1 ]; then echo "usage: $(basename "$0") [JAR]" >&2; exit 2; fi
if [ $# -eq 1 ]; then
  [ -f "$1" ] || { echo "$(basename "$0"): no such jar: $1" >&2; exit 2; }
  export AIDA_JAR; AIDA_JAR=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # the shared script's jar variable
fi
if [ -z "${BENCH_JAVA_OPTS+set}" ]; then
  BENCH_JAVA_OPTS=$(launcher_jvm_opts)
fi
export BENCH_JAVA_OPTS
shared="$bench_root/../shared/bench/compare-seed.sh"
if [ ! -x "$shared" ]; then
  echo "$(basename "$0"): $shared not found (the shared bench folder sits beside the repository)" >&2
  exit 3
fi
need nginx nginx-light
need wrk wrk
need curl curl
need java openjdk-17-jdk-headless
need ss iproute2
if ! /usr/bin/python3 -c 'import fastapi, uvicorn, httpx' 2>/dev/null; then
  echo "$(basename "$0"): needs python3-fastapi python3-uvicorn python3-httpx (sudo apt-get install ...)" >&2
  exit 3
fi
for p in 18081 18900 18901; do port_free "$p"; done
[ $# -eq 1 ] || build_if_needed
machine_line
echo "http-app jar: ${AIDA_JAR:-$bench_jar}"
cd "$bench_root"
# Peak resident memory of http-app during the run, sampled every half second: the process that
# listens on the shared script's http-app port (18901), not any aida-billing-http.jar on the machine.
rss_log=$(mktemp)
( peak=0
  while sleep 0.5; do
    pid=$(ss -H -ltnp 'sport = :18901' 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
    [ -n "$pid" ] || continue
    rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    if [ "${rss:-0}" -gt "$peak" ]; then peak=$rss; echo "$peak" > "$rss_log"; fi
  done ) &
sampler=$!
status=0
"$shared" || status=$?
kill "$sampler" 2>/dev/null || true
if [ -s "$rss_log" ]; then
  echo "aida-billing peak RSS: $(( $(cat "$rss_log") / 1024 )) MiB (JVM options: ${BENCH_JAVA_OPTS:-none, the JVM defaults})"
fi
rm -f "$rss_log"
exit "$status"
