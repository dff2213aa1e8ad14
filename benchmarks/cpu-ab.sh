#!/usr/bin/env bash
# CPU time per request of two http-app jars, A/B: POST /get_balance (the compare-seed request)
# against the shared zero-latency nginx stubs, wrk with 2 threads and 32 connections, each run a
# fresh JVM with bin/aida-billing-http's JVM options, warmed up, then measured while
# /proc/PID/stat gives the JVM's user + system time. Runs alternate (A B, B A, ...) so that a busy
# machine disturbs both alike; prints each run, then B/A per pair and the medians. CPU per request
# moves less with the machine's load than requests per second do.
#
# Needs Debian packages: nginx-light wrk openjdk-17-jdk-headless python3.
# Usage: benchmarks/cpu-ab.sh A.jar B.jar
#   CPU_AB_PAIRS (4), CPU_AB_WARMUP (10 s), CPU_AB_SECONDS (15 s), CPU_AB_STUB_PORT (18082),
#   CPU_AB_PORT (18902), BENCH_JAVA_OPTS (default: the launcher's options)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
[ $# -eq 2 ] && [ -f "$1" ] && [ -f "$2" ] || { echo "usage: $(basename "$0") A.jar B.jar" >&2; exit 2; }
jar_a=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
jar_b=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
pairs=${CPU_AB_PAIRS:-4} warm=${CPU_AB_WARMUP:-10} meas=${CPU_AB_SECONDS:-15}
stub_port=${CPU_AB_STUB_PORT:-18082} port=${CPU_AB_PORT:-18902}
if [ -z "${BENCH_JAVA_OPTS+set}" ]; then
  BENCH_JAVA_OPTS=$(launcher_jvm_opts)
fi
need nginx nginx-light
need wrk wrk
need java openjdk-17-jdk-headless
need python3 python3
stubs_conf="$bench_root/../shared/bench/nginx-stubs.conf"
[ -f "$stubs_conf" ] || { echo "$(basename "$0"): $stubs_conf not found" >&2; exit 3; }
port_free "$stub_port"
port_free "$port"
work=$(mktemp -d /tmp/aida-cpu-ab.XXXXXX)
sed -e "s#/tmp/aida-bench#$work#g" -e "s/127.0.0.1:18081/127.0.0.1:$stub_port/" "$stubs_conf" > "$work/nginx.conf"
cat > "$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body   = '{"customer_id": 31, "phone": "+79004445566"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench-token"
LUA
cleanup() { stop_all; nginx -c "$work/nginx.conf" -s stop 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
nginx -c "$work/nginx.conf"
machine_line
echo "A: $jar_a"
echo "B: $jar_b"
echo "pairs $pairs, warm-up ${warm} s, measured ${meas} s, JVM options: ${BENCH_JAVA_OPTS:-the JVM defaults}"

# run LABEL JAR: one fresh JVM; prints "LABEL requests req/s cpu-seconds µs-per-request".
run() {
  rm -f "$work/audit.jsonl"
  # shellcheck disable=SC2086  # BENCH_JAVA_OPTS is a list of options
  AIDA_HTTP_PORT=$port AIDA_API_TOKENS=bench-token \
    AIDA_BILLING_URL=http://127.0.0.1:$stub_port/api/phone.php \
    AIDA_FREESCOUT_URL=http://127.0.0.1:$stub_port AIDA_FREESCOUT_API_KEY=key \
    AIDA_AUDIT_FILE="$work/audit.jsonl" AIDA_RATE_LIMIT_PER_SECOND=0 \
    java $BENCH_JAVA_OPTS -jar "$2" > "$work/aida-$1.log" 2>&1 &
  local pid=$!
  started "$pid"
  wait_port "$port" 60
  wrk -t2 -c32 -d"${warm}s" -s "$work/post.lua" "http://127.0.0.1:$port/get_balance" > /dev/null
  local t0 t1 req rps
  t0=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  wrk -t2 -c32 -d"${meas}s" -s "$work/post.lua" "http://127.0.0.1:$port/get_balance" > "$work/wrk.txt"
  t1=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  stop "$pid"
  if grep -q "Non-2xx" "$work/wrk.txt"; then
    echo "$(basename "$0"): $1 answered non-2xx: $(grep Non-2xx "$work/wrk.txt")" >&2
  fi
  req=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  awk -v l="$1" -v r="$req" -v s="$rps" -v d="$((t1 - t0))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN {printf "%s %d %.1f %.2f %.1f\n", l, r, s, d / hz, d / hz * 1e6 / r}'
}

results="$work/results.txt"
for i in $(seq 1 "$pairs"); do
  if ((i % 2)); then order="A B"; else order="B A"; fi
  for x in $order; do
    jar=$jar_a
    [ "$x" = B ] && jar=$jar_b
    line=$(run "$x" "$jar")
    echo "pair $i $line load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$results"
  done
done
python3 - "$results" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    f = line.split()
    runs.setdefault(f[1], {})[f[2]] = (float(f[6]), float(f[4]))
pairs = [p for p in runs.values() if "A" in p and "B" in p]
cpu = [p["B"][0] / p["A"][0] for p in pairs]
rps = [p["B"][1] / p["A"][1] for p in pairs]
print("B/A CPU per request:", " ".join(f"{x:.2f}" for x in cpu), f"median {statistics.median(cpu):.2f}")
print("B/A requests/s:     ", " ".join(f"{x:.2f}" for x in rps), f"median {statistics.median(rps):.2f}")
PY
