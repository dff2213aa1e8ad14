#!/usr/bin/env bash
# Bounded load-and-soak run of http-app (issue 7): a long run, NOT part of CI or the unit tests.
#
# http-app (production settings except ports, token and audit file; -Xmx64m) syncs customers
# against the slow upstream stubs (benchmarks/stubs/DelayStub.java, every answer after 20 ms, a
# blank profile so every request reads, looks up, PUTs and writes the audit log) while
# benchmarks/stubs/LoadDriver.java sends POST /api/v1/customers/{id}/sync at a steady rate (open
# loop) over customers 1..SOAK_CUSTOMERS in turn (syncs of one customer take turns by design, so
# one customer that always needs a write cannot be synced more than ~20 times a second here)
# and injects a fault every few seconds through the stub's control port: billing answers
# 500, billing stalls past the adapter's 5 s time-out, FreeScout answers 500 to the PUT, and the
# billing or FreeScout port is closed (connection refused) and reopened.
#
# Checks, printed at the end (exit 1 when one fails):
#   - answers counted by status and code: every non-2xx must be explained by a fault that was on
#     (BILLING_UNAVAILABLE during a billing fault or while the circuit breaker it opened stays
#     open; HELPDESK_UNAVAILABLE during a FreeScout fault); anything else is an error;
#   - memory stays flat: RSS, VmHWM and the heap sampled every 10 s, and the live heap after a
#     full GC at the start and at the end;
#   - nothing leaks: threads (/proc/PID/task) and open file descriptors (/proc/PID/fd) at the start
#     and at the end of the load, and again after SOAK_IDLE_SECONDS of rest (idle pools shrink).
#
# Needs Debian packages: openjdk-17-jdk-headless (java, jcmd; maven to build the jar if needed).
# Usage: benchmarks/soak.sh
# Settings: SOAK_SECONDS (300), SOAK_RATE (40 requests/s), SOAK_FAULT_EVERY (12 s),
#   SOAK_FAULT_SECONDS (3), SOAK_DELAY_MS (20), SOAK_IDLE_SECONDS (70), SOAK_CUSTOMERS (1000),
#   SOAK_JAVA_OPTS (default: bin/aida-billing-http's JVM options and -Xmx64m),
#   SOAK_KEEP (a folder to copy the logs and samples to).
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
need java openjdk-17-jdk-headless
need jcmd openjdk-17-jdk-headless
need curl curl
secs=${SOAK_SECONDS:-300}
rate=${SOAK_RATE:-40}
every=${SOAK_FAULT_EVERY:-12}
lasts=${SOAK_FAULT_SECONDS:-3}
delay=${SOAK_DELAY_MS:-20}
idle=${SOAK_IDLE_SECONDS:-70}
customers=${SOAK_CUSTOMERS:-1000}
if [ -n "${SOAK_JAVA_OPTS:-}" ]; then java_opts=$SOAK_JAVA_OPTS; else java_opts="$(launcher_jvm_opts) -Xmx64m"; fi
billing_port=18381 freescout_port=18382 control_port=18383 app_port=18903
work=$(mktemp -d /tmp/aida-soak.XXXXXX)
sampler=
finish() {
  [ -n "$sampler" ] && stop "$sampler"
  stop_all
  if [ -n "${SOAK_KEEP:-}" ]; then mkdir -p "$SOAK_KEEP" && cp -r "$work"/. "$SOAK_KEEP"/; fi
  rm -rf "$work"
}
trap finish EXIT
build_if_needed
for p in $billing_port $freescout_port $control_port $app_port; do port_free "$p"; done
cd "$bench_root"

echo "== soak: ${secs} s at ${rate} requests/s over $customers customers, a fault slot every ${every} s lasting ${lasts} s, upstream delay ${delay} ms, http-app $java_opts"
machine_line

java benchmarks/stubs/DelayStub.java --billing-port $billing_port --freescout-port $freescout_port \
  --control-port $control_port --delay-ms "$delay" --customer blank >"$work/stub.log" 2>&1 &
started $!
wait_port $control_port 120
AIDA_HTTP_PORT=$app_port AIDA_API_TOKENS=bench-token \
AIDA_BILLING_URL=http://127.0.0.1:$billing_port/api/phone.php \
AIDA_FREESCOUT_URL=http://127.0.0.1:$freescout_port AIDA_FREESCOUT_API_KEY=bench-key \
AIDA_AUDIT_FILE="$work/audit.jsonl" \
  java $java_opts -jar "$bench_jar" >"$work/app.log" 2>&1 &
started $!
app=$!
wait_port $app_port 60

# the heap's "used" in MB, as the collector reports it now
# (G1 has one "garbage-first heap" line, the serial collector a line per generation: summed)
heap_used_mb() {
  jcmd "$app" GC.heap_info | awk '/garbage-first heap|generation +total/ {
    for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); kb += v } }
    END { printf "%.1f", kb / 1024 }'
}
# the live heap: a full GC first
live_heap_mb() { jcmd "$app" GC.run >/dev/null; heap_used_mb; }
# measure LABEL: prints one line and sets m_threads m_fds m_live (what the leak checks compare)
measure() {
  m_threads=$(threads_of "$app"); m_fds=$(fds_of "$app"); m_live=$(live_heap_mb)
  printf '%-22s threads %4d  fds %4d  RSS %4d MB  VmHWM %4d MB  live heap after full GC %5s MB\n' "$1" \
    "$m_threads" "$m_fds" $(( $(kb_of "$app" VmRSS) / 1024 )) $(( $(kb_of "$app" VmHWM) / 1024 )) "$m_live"
}

echo "-- warm-up: 20 s at $rate/s, no faults"
java benchmarks/stubs/LoadDriver.java --url "http://127.0.0.1:$app_port/api/v1/customers/{id}/sync" \
  --customers "$customers" --control "" --rate "$rate" --seconds 20 >"$work/warmup.log" 2>&1 || { cat "$work/warmup.log"; exit 1; }
tail -1 "$work/warmup.log"
measure "start (after warm-up)" >"$work/leaks.txt"
s_threads=$m_threads s_fds=$m_fds s_live=$m_live

# every 10 s: seconds, RSS, VmHWM, heap used (not collected), threads, fds
(
  t0=$(date +%s)
  echo -e "t_s\trss_mb\thwm_mb\theap_used_mb\tthreads\tfds"
  while kill -0 "$app" 2>/dev/null; do
    echo -e "$(( $(date +%s) - t0 ))\t$(( $(kb_of "$app" VmRSS) / 1024 ))\t$(( $(kb_of "$app" VmHWM) / 1024 ))\t$(heap_used_mb)\t$(threads_of "$app")\t$(fds_of "$app")"
    sleep 10
  done
) >"$work/samples.tsv" 2>/dev/null &
sampler=$!
started "$sampler"

echo "-- load with faults: $secs s"
set +e
java benchmarks/stubs/LoadDriver.java --url "http://127.0.0.1:$app_port/api/v1/customers/{id}/sync" \
  --customers "$customers" --control "http://127.0.0.1:$control_port" --rate "$rate" --seconds "$secs" \
  --fault-every "$every" --fault-seconds "$lasts" | tee "$work/driver.log"
driver_rc=${PIPESTATUS[0]}
set -e
measure "end of load" >>"$work/leaks.txt"
e_threads=$m_threads e_fds=$m_fds e_live=$m_live
stop "$sampler"; sampler=
echo "-- resting ${idle} s (idle pools shrink)"
sleep "$idle"
measure "after ${idle} s idle" >>"$work/leaks.txt"
i_threads=$m_threads i_fds=$m_fds

echo "-- samples every 10 s during the load"
column -t "$work/samples.tsv"
echo "-- leak checks"
cat "$work/leaks.txt"
echo "-- upstream stub counts: $(curl -s "http://127.0.0.1:$control_port/stats")"
echo "-- audit log: $(wc -l <"$work/audit.jsonl" 2>/dev/null || echo 0) records"
severe=$(grep -c ' SEVERE ' "$work/app.log" || true)
# A PUT in flight when the stub closed FreeScout's port (received and never answered, or written
# into a kept-alive connection the closing port reset before the stub read it): the service cannot
# know whether it was saved, reads the customer again (refused too) and says so at SEVERE. Such a
# line is explained when it falls in a freescout-down fault (from its start to the end of the fault
# and a 12 s deadline after it); the stub's own count of unanswered PUTs misses the second kind.
downs=$(sed -n 's/^\(.*\) DelayStub: fault=freescout-down$/\1/p' "$work/stub.log" |
  while read -r d t; do date -d "$d $t" +%s%3N; done)
uncertain=0 explained_uncertain=0
while read -r d t _; do
  ms=$(date -d "$d $t" +%s%3N)
  uncertain=$((uncertain + 1))
  for s in $downs; do
    if [ "$ms" -ge "$s" ] && [ "$ms" -le $((s + (lasts + 12) * 1000)) ]; then
      explained_uncertain=$((explained_uncertain + 1))
      break
    fi
  done
done < <(grep ' SEVERE .*could not be read again' "$work/app.log" || true)
unanswered=$(curl -s "http://127.0.0.1:$control_port/stats" | sed -n 's/.*"freescout-put-unanswered":\([0-9]*\).*/\1/p')
if [ "$uncertain" -gt 0 ]; then
  echo "-- SEVERE 'could not be read again' lines: $uncertain, $explained_uncertain of them inside a freescout-down fault (port closed under the PUT; the stub counted ${unanswered:-0} PUTs it got and could not answer)"
  severe=$((severe - explained_uncertain))
fi
warnings=$(grep -c ' WARNING ' "$work/app.log" || true)
echo "-- app log: $(wc -l <"$work/app.log") lines; SEVERE: $severe; WARNING: $warnings (the adapters warn about every failed upstream call)"

# verdicts
verdict=0
if [ "$driver_rc" -ne 0 ]; then echo "FAIL: answers no fault explains (see UNEXPLAINED above)"; verdict=1; fi
if [ "$severe" -ne 0 ]; then echo "FAIL: $severe SEVERE lines in the app log"; grep -m3 ' SEVERE ' "$work/app.log"; verdict=1; fi
if [ "$i_fds" -gt $((s_fds + 10)) ]; then echo "FAIL: open files grew from $s_fds to $i_fds"; verdict=1; fi
if [ "$i_threads" -gt $((s_threads + 10)) ]; then echo "FAIL: threads grew from $s_threads to $i_threads"; verdict=1; fi
if awk -v a="$s_live" -v b="$e_live" 'BEGIN {exit !(b > a * 1.5 + 5)}'; then
  echo "FAIL: live heap grew from $s_live MB to $e_live MB"; verdict=1
fi
if [ "$verdict" -eq 0 ]; then
  echo "PASS: no unexplained answer; threads $s_threads -> $e_threads (load) -> $i_threads (idle)," \
    "fds $s_fds -> $e_fds -> $i_fds, live heap $s_live -> $e_live MB"
fi
exit "$verdict"
