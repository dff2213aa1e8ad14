#!/usr/bin/env bash
# Latency overhead of http-app over slow upstreams (issue 7, spec 7): billing and FreeScout stubs
# (benchmarks/stubs/DelayStub.java) answer every request after DELAY ms without holding a thread;
# http-app runs as operators run it, through bin/aida-billing-http (its JVM options, then
# LATENCY_JAVA_OPTS as JAVA_OPTS), with -Xmx64m, AIDA_WORKERS=256 and the rate limit off; wrk keeps
# 256 clients POSTing /api/v1/customers/31/sync {"phone": "+79004445566"} with the bearer token.
#
# The phone is in the body, so http-app reads the customer and looks billing up side by side (its
# composition root gives the sync service an executor for that). The cases:
#   unchanged   customer 31, whose FreeScout profile already holds billing's identity:
#               GET ‖ billing, no PUT -> 1 sequential upstream wait per request;
#   update      a blank profile, so every request writes: (GET ‖ billing), then PUT and one audit
#               record per changed field -> 2 sequential upstream waits. The clients rotate over
#               customers 1..1024 (the stub answers every id with the same phone), so that every
#               request really writes: syncs of ONE customer decide and write in turn, and syncs
#               that raced a write of exactly their changes answer unchanged without writing;
#   update-one  (not run by default) the same against customer 31 only, which shows that
#               coalescing: one write per burst, the others answer unchanged.
# Reported per case: requests/s against the ideal (clients ÷ (waits × DELAY)), p50 and p99 minus
# the upstream waits (the overhead), non-2xx answers, and peak RSS (VmHWM) of http-app. Goals,
# reported rather than gated: p99 overhead < 5 ms, throughput within 10 % of ideal, RSS < 160 MB.
# A stub-only line (wrk straight at the billing stub, one wait) shows what loopback, wrk and the stub
# themselves cost on this machine at that moment.
#
# Needs Debian packages: wrk, openjdk-17-jdk-headless (java, and maven to build the jar if needed).
# Usage (from anywhere): benchmarks/latency-overhead.sh
# The JIT needs about a minute of CPU on 2 cores before http-app runs at full speed, hence the
# warm-up. Settings: LATENCY_CASES ("unchanged update"), LATENCY_SECONDS (30), LATENCY_WARMUP (60),
#   LATENCY_CLIENTS (256), LATENCY_DELAY_MS (50), LATENCY_JAVA_OPTS (-Xmx64m), LATENCY_KEEP (a folder
#   to copy the logs and wrk outputs to).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
need wrk wrk
need java openjdk-17-jdk-headless
cases=${LATENCY_CASES:-unchanged update}
secs=${LATENCY_SECONDS:-30}
warm=${LATENCY_WARMUP:-60}
clients=${LATENCY_CLIENTS:-256}
delay=${LATENCY_DELAY_MS:-50}
java_opts=${LATENCY_JAVA_OPTS:--Xmx64m}
billing_port=18281 freescout_port=18282 app_port=18902
work=$(mktemp -d /tmp/aida-latency.XXXXXX)
trap 'stop_all; if [ -n "${LATENCY_KEEP:-}" ]; then mkdir -p "$LATENCY_KEEP" && cp -r "$work"/. "$LATENCY_KEEP"/; fi; rm -rf "$work"' EXIT
build_if_needed
for p in $billing_port $freescout_port $app_port; do port_free "$p"; done

cat >"$work/sync.lua" <<'LUA'
wrk.method = "POST"
wrk.body   = '{"phone": "+79004445566"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token"
LUA
cat >"$work/rotate.lua" <<'LUA'
-- POST /api/v1/customers/{id}/sync with id rotating over 1..1024, consecutive ids in flight
local threads, counter = 0, 0
function setup(thread) thread:set("offset", threads); threads = threads + 1 end
function init(args) counter = tonumber(offset) or 0 end
function request()
  counter = counter + 2
  return wrk.format("POST", "/api/v1/customers/" .. (counter % 1024 + 1) .. "/sync",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer bench-token"},
    '{"phone": "+79004445566"}')
end
LUA

echo "== latency overhead: $clients clients, upstream delay $delay ms, http-app (bin/aida-billing-http) JAVA_OPTS=$java_opts, AIDA_WORKERS=256"
machine_line

# run_wrk URL [LUA]: a measured wrk run; prints "rps p50ms p99ms non2xx errors".
run_wrk() {
  local out="$work/wrk.txt" script=()
  [ -n "${2:-}" ] && script=(-s "$2")
  wrk -t2 -c"$clients" -d"${secs}s" --latency "${script[@]}" "$1" >"$out"
  cp "$out" "$work/wrk-$(date +%s%N).txt"
  local rps p50 p99 non2xx errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$out")
  p50=$(wrk_ms "$(awk '$1 == "50%" {print $2}' "$out")")
  p99=$(wrk_ms "$(awk '$1 == "99%" {print $2}' "$out")")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
  echo "$rps $p50 $p99 ${non2xx:-0} ${errors:-0}"
}

start_stub() {
  java benchmarks/stubs/DelayStub.java --billing-port $billing_port --freescout-port $freescout_port \
    --control-port 0 --delay-ms "$delay" --customer "$1" >"$work/stub.log" 2>&1 &
  started $!
  stub_pid=$!
  wait_port $billing_port 120
  wait_port $freescout_port 30
}

cd "$bench_root"
# The stub alone: one wait per request, same clients.
start_stub synced
wrk -t2 -c"$clients" -d15s "http://127.0.0.1:$billing_port/api/phone.php?phone=%2B79004445566" >/dev/null
read -r s_rps s_p50 s_p99 s_non2xx s_err < <(run_wrk "http://127.0.0.1:$billing_port/api/phone.php?phone=%2B79004445566")
awk -v r="$s_rps" -v a="$s_p50" -v b="$s_p99" -v d="$delay" -v c="$clients" -v e="$s_err" 'BEGIN {
  printf "stub alone (1 wait): %.0f req/s = %.0f %% of ideal %.0f; p50 %.1f ms (+%.1f), p99 %.1f ms (+%.1f); socket errors %d\n",
    r, 100 * r / (c * 1000 / d), c * 1000 / d, a, a - d, b, b - d, e }'
stop "$stub_pid"

for case in $cases; do
  case $case in
    unchanged) customer=synced waits=1 lua=sync.lua what="customer 31, already synced: GET ‖ billing, no PUT" ;;
    update) customer=blank waits=2 lua=rotate.lua what="customers 1..1024, blank: (GET ‖ billing), then PUT + audit" ;;
    update-one) customer=blank waits=2 lua=sync.lua what="customer 31 only, blank: racing syncs coalesce, one write per burst" ;;
    *) echo "unknown case $case (unchanged, update, update-one)" >&2; exit 2 ;;
  esac
  start_stub "$customer"
  AIDA_HTTP_PORT=$app_port AIDA_API_TOKENS=bench-token \
  AIDA_BILLING_URL=http://127.0.0.1:$billing_port/api/phone.php \
  AIDA_FREESCOUT_URL=http://127.0.0.1:$freescout_port AIDA_FREESCOUT_API_KEY=bench-key \
  AIDA_AUDIT_FILE="$work/audit.jsonl" AIDA_RATE_LIMIT_PER_SECOND=0 AIDA_WORKERS=256 \
  JAVA_OPTS="$java_opts" bin/aida-billing-http >"$work/app.log" 2>&1 & # execs java: $! is the JVM
  started $!
  app_pid=$!
  wait_port $app_port 60
  first=$(curl -s -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer bench-token' \
    -d '{"phone": "+79004445566"}' "http://127.0.0.1:$app_port/api/v1/customers/31/sync")
  status=$(sed -n 's/.*"status" *: *"\([a-z-]*\)".*/\1/p' <<<"$first")
  echo "-- case $case ($what; $waits wait(s) of $delay ms); first answer: status=${status:-?}"
  if [ -z "$status" ]; then echo "unexpected answer: $first" >&2; tail -20 "$work/app.log" >&2; exit 1; fi
  wrk -t2 -c"$clients" -d"${warm}s" -s "$work/$lua" "http://127.0.0.1:$app_port/api/v1/customers/31/sync" >/dev/null
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r rps p50 p99 non2xx err < <(run_wrk "http://127.0.0.1:$app_port/api/v1/customers/31/sync" "$work/$lua")
  hwm=$(kb_of "$app_pid" VmHWM); rss=$(kb_of "$app_pid" VmRSS); threads=$(threads_of "$app_pid")
  awk -v r="$rps" -v a="$p50" -v b="$p99" -v d="$delay" -v w="$waits" -v c="$clients" -v n="$non2xx" \
      -v e="$err" -v h="$hwm" -v rs="$rss" -v t="$threads" -v l="$load" 'BEGIN {
    ideal = c * 1000 / (w * d)
    printf "requests/s: %.0f = %.0f %% of ideal %.0f (goal >= 90 %%); non-2xx: %d; socket errors: %d; load before: %s\n", r, 100 * r / ideal, ideal, n, e, l
    printf "latency p50: %.1f ms -> overhead %.1f ms; p99: %.1f ms -> overhead %.1f ms (goal < 5 ms)\n", a, a - w * d, b, b - w * d
    printf "peak RSS (VmHWM): %.0f MB (goal < 160 MB); RSS at end %.0f MB; threads %d\n", h / 1024, rs / 1024, t }'
  stop "$app_pid"
  stop "$stub_pid"
done
