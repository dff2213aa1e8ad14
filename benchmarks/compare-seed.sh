#!/usr/bin/env bash
# http-app against the seed's original Python service, side by side in one run (issue 7): a thin
# wrapper around the shared ../shared/bench/compare-seed.sh (POST /get_balance on both, the same
# zero-latency nginx upstream stubs, wrk with 32 connections; it prints the ratio last). This
# wrapper builds the jar when it is missing or older than the sources, checks the tools and ports
# first, and adds the date, the machine and its load to the figures. Goal: ratio >= 10, no non-2xx.
#
# Needs Debian packages: nginx-light wrk python3-fastapi python3-uvicorn python3-httpx curl
#   openjdk-17-jdk-headless (maven to build the jar if needed).
# Usage: benchmarks/compare-seed.sh   (BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_JAVA_OPTS pass through)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
shared="$bench_root/../shared/bench/compare-seed.sh"
if [ ! -x "$shared" ]; then
  echo "$(basename "$0"): $shared not found (the shared bench folder sits beside the repository)" >&2
  exit 3
fi
need nginx nginx-light
need wrk wrk
need curl curl
need java openjdk-17-jdk-headless
if ! /usr/bin/python3 -c 'import fastapi, uvicorn, httpx' 2>/dev/null; then
  echo "$(basename "$0"): needs python3-fastapi python3-uvicorn python3-httpx (sudo apt-get install ...)" >&2
  exit 3
fi
for p in 18081 18900 18901; do port_free "$p"; done
build_if_needed
machine_line
cd "$bench_root"
exec "$shared"
