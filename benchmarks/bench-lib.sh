# Shared helpers of benchmarks/latency-overhead.sh and benchmarks/soak.sh (sourced, not run).
# Every server a script starts is registered with `started PID` and killed on exit by `stop_all`.

bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench_jar="$bench_root/http-app/target/aida-billing-http.jar"
bench_pids=()

# need COMMAND DEBIAN-PACKAGE: stops with a clear message when a tool is missing.
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$(basename "$0"): needs '$1' (Debian package $2: sudo apt-get install $2)" >&2
    exit 3
  fi
}

started() { bench_pids+=("$1"); }

stop_all() {
  local p
  for p in "${bench_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${bench_pids[@]}"; do wait "$p" 2>/dev/null || true; done
  bench_pids=()
}

# stop PID: stops one server this script started, waits for it and forgets it (so a recycled PID
# is never killed later).
stop() {
  local p keep=()
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  for p in "${bench_pids[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  bench_pids=("${keep[@]}")
}

# launcher_jvm_opts: the JVM options bin/aida-billing-http starts the service with (its
# jvm_opts=(...) line), so that a benchmark measures what operators and the systemd unit run.
launcher_jvm_opts() {
  local opts
  opts=$(sed -n 's/^jvm_opts=(\(.*\))$/\1/p' "$bench_root/bin/aida-billing-http")
  [ -n "$opts" ] || { echo "$(basename "$0"): no jvm_opts=(...) line in bin/aida-billing-http" >&2; exit 3; }
  echo "$opts"
}

# Builds the http-app jar when it is missing or older than any source of the modules it holds.
build_if_needed() {
  if [ -f "$bench_jar" ] && [ -z "$(find "$bench_root"/{core,billing-adapter,freescout-adapter,http-app}/src/main \
      "$bench_root/pom.xml" "$bench_root"/{core,billing-adapter,freescout-adapter,http-app}/pom.xml \
      -newer "$bench_jar" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "building $bench_jar (mvn -B -q -DskipTests -pl http-app -am package)" >&2
  (cd "$bench_root" && mvn -B -q -DskipTests -pl http-app -am package)
}

# wait_port PORT [SECONDS]: until something listens on 127.0.0.1:PORT.
wait_port() {
  local i
  for i in $(seq 1 $((${2:-60} * 5))); do
    (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.2
  done
  echo "$(basename "$0"): nothing listens on port $1 after ${2:-60} s" >&2
  return 1
}

# port_free PORT: fails when something already listens there (another run, another engineer).
port_free() {
  if (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
    echo "$(basename "$0"): port $1 is already in use; stop what holds it or pick other ports" >&2
    return 1
  fi
}

# kb_of PID FIELD: a /proc/PID/status field in kB (VmRSS, VmHWM), or 0 when the process is gone.
kb_of() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

threads_of() { ls "/proc/$1/task" 2>/dev/null | wc -l; }
fds_of() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }

# wrk_ms VALUE: wrk's "12.34ms" / "1.20s" / "850.00us" as milliseconds.
wrk_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /m$/) { sub(/m$/, "", v); printf "%.2f", v * 60000 }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}

# machine_line: date, CPUs, CPU model, RAM and load, for the figures.
machine_line() {
  echo "date: $(date -u '+%Y-%m-%dT%H:%M:%SZ'); nproc: $(nproc);" \
    "cpu: $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo);" \
    "ram: $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo);" \
    "load average: $(cut -d' ' -f1-3 /proc/loadavg); java: $(java -version 2>&1 | awk -F'"' 'NR == 1 {print $2}')"
}
