#!/usr/bin/env bash
# Benchmarks the operators' command line (issue 5), JVM start included, on this machine:
#  1. parse --jsonl over N generated lines (default 100 000);
#  2. sync-all over M customers (default 10 000) at concurrency C (default 16) against a loopback
#     stub of FreeScout and billing (UpstreamStub.java) that answers every request after D ms
#     (default 20). Ideal = M × 3 waits (GET customer, billing, PUT) × D ÷ C; goal: within 15 %.
# Usage: benchmarks/cli-bench.sh [LINES] [CUSTOMERS] [CONCURRENCY] [DELAY_MS]
# BENCH_AUDIT_DIR puts the audit log elsewhere (e.g. /dev/shm to take disk fsyncs out of the run);
# SYNC_ALL_OPTS adds sync-all options. The stub shares the machine's CPUs with the CLI: on a loaded
# machine the wall times measure the load too, so CPU times and the load average are printed.
set -euo pipefail
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
root=$(cd "$(dirname "$0")/.." && pwd)
lines=${1:-100000}
customers=${2:-10000}
concurrency=${3:-16}
delay=${4:-20}
work=$(mktemp -d)
stub_pid=
cleanup() {
  if [ -n "$stub_pid" ]; then kill "$stub_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
cli="$root/bin/aida-billing"
"$cli" --version >/dev/null # builds the jar and its class archive when missing

echo "== parse --jsonl: $lines lines (JVM start included)"
awk -v n="$lines" 'BEGIN {
  split("Новичков Тарас Викторович|ООО Ромашка|Алиев Рашид Гусейн оглы|Сидоров П.А.|КУЗНЕЦОВА ольга петровна", names, "|");
  split("поселок Соляной Набережная 8/1|г. Москва, ул. Ленина, д. 5, кв. 12|443000, Самарская обл., г. Самара, пр-кт Ленина 15-3|СНТ «Строитель» уч. 45", addrs, "|");
  for (i = 0; i < n; i++)
    printf "{\"name\": \"%s\", \"address\": \"%s\", \"phone\": \"8 (9%02d) %03d-%02d-%02d\"}\n", names[i % 5 + 1], addrs[i % 4 + 1], i % 100, i % 1000, i % 100, (i / 7) % 100
}' > "$work/in.jsonl"
TIMEFORMAT='%R %U %S'
{ time "$cli" parse --jsonl < "$work/in.jsonl" > "$work/out.jsonl" ; } 2> "$work/parse-time"
out_lines=$(wc -l < "$work/out.jsonl")
errors=$(grep -c '"error"' "$work/out.jsonl" || true)
read -r wall user sys < "$work/parse-time"
awk -v w="$wall" -v u="$user" -v s="$sys" -v n="$lines" -v o="$out_lines" -v err="$errors" 'BEGIN {
  printf "parse --jsonl: %d lines in %.2f s wall (%.0f lines/s), CPU %.2f s user + %.2f s sys; %d output lines, %d error lines\n", n, w, n / w, u, s, o, err }'
if command -v hyperfine >/dev/null; then
  hyperfine -w 1 -r 5 "$cli parse --jsonl < '$work/in.jsonl' > /dev/null" 2>&1 | grep -E 'Time|Range' || true
fi

echo "== sync-all: $customers customers, concurrency $concurrency, upstream delay $delay ms"
mkfifo "$work/stub-in"
java "$root/benchmarks/UpstreamStub.java" "$customers" "$delay" < "$work/stub-in" > "$work/stub-out" 2> "$work/stub-err" &
stub_pid=$!
exec 3> "$work/stub-in" # keeps the stub running until we close it
for _ in $(seq 1 100); do
  grep -q '^port=' "$work/stub-out" 2>/dev/null && break
  sleep 0.2
done
port=$(sed -n 's/^port=//p' "$work/stub-out")
[ -n "$port" ] || { echo "stub did not start: $(cat "$work/stub-err")" >&2; exit 1; }
{ time env AIDA_BILLING_URL="http://127.0.0.1:$port/billing" \
    AIDA_FREESCOUT_URL="http://127.0.0.1:$port" \
    AIDA_FREESCOUT_API_KEY=bench \
    AIDA_AUDIT_FILE="${BENCH_AUDIT_DIR:-$work}/audit-$$.jsonl" \
    "$cli" sync-all ${SYNC_ALL_OPTS:-} --concurrency "$concurrency" --report "$work/report.jsonl" > "$work/summary.txt" 2> "$work/progress.txt" ; } 2> "$work/sync-time"
exec 3>&-
wait "$stub_pid" 2>/dev/null || true
stub_pid=
cat "$work/summary.txt"
cat "$work/stub-err"
read -r wall user sys < "$work/sync-time"
awk -v w="$wall" -v u="$user" -v s="$sys" -v m="$customers" -v c="$concurrency" -v d="$delay" 'BEGIN {
  ideal = m * 3 * d / 1000 / c;
  printf "sync-all: %d customers in %.1f s wall (JVM start included, %.0f customers/s), CLI CPU %.1f s user + %.1f s sys", m, w, m / w, u, s;
  if (ideal > 0) printf "; ideal %.1f s (%d × 3 × %d ms ÷ %d); %+.1f %% against ideal", ideal, m, d, c, (w / ideal - 1) * 100;
  printf "\n" }'
audit="${BENCH_AUDIT_DIR:-$work}/audit-$$.jsonl"
echo "report lines: $(wc -l < "$work/report.jsonl"), audit lines: $(wc -l < "$audit")"
rm -f "$audit"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
