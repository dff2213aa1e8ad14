#!/usr/bin/env bash
# Checks that the deploy files work as a newcomer would use them, without installing anything:
#   1. `systemd-analyze verify` accepts deploy/aida-billing-http.service;
#   2. the unit's own ExecStart= command line (only the jar path swapped for the built
#      http-app/target/aida-billing-http.jar), run with the variables of
#      deploy/aida-billing.env.example (upstream URLs moved to unused loopback ports, the port to a
#      free one, the audit file to a temporary folder), answers /healthz 200;
#   3. /readyz answers 503 and names both unreachable upstreams;
#   4. SIGTERM stops it within the unit's TimeoutStopSec= with an exit status the unit counts as
#      success (0 or 143).
#   Also: `systemd-analyze security --offline=true` rates the unit's exposure at most 3.0 (skipped
#   where systemd is older than 252), and MemoryMax= is at least three times the -Xmx heap (the
#   measured footprint is about twice the heap; past MemoryMax= the kernel SIGKILLs the service),
#   and ExecStart= passes the JVM options bin/aida-billing-http passes.
# Usage: deploy/check.sh [path/to/aida-billing-http.jar]    (build it first: mvn -DskipTests package)
# Exit status 0 when every step passes, 1 when one fails, 2 when it cannot run.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
unit="$root/deploy/aida-billing-http.service"
env_example="$root/deploy/aida-billing.env.example"
jar="${1:-$root/http-app/target/aida-billing-http.jar}"

fail() { echo "deploy/check: FAIL: $*" >&2; exit 1; }
cannot() { echo "deploy/check: cannot run: $*" >&2; exit 2; }
ok() { echo "deploy/check: ok: $*"; }

[ -f "$jar" ] || cannot "no jar at $jar (build it: mvn -B -q -DskipTests package)"
jar=$(cd "$(dirname "$jar")" && pwd)/$(basename "$jar") # the service runs in another folder
command -v curl >/dev/null || cannot "curl is needed"
command -v python3 >/dev/null || cannot "python3 is needed (it finds free loopback ports)"

# 1. systemd's own reading of the unit
if command -v systemd-analyze >/dev/null; then
  out=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify: $out"
  [ -z "$out" ] || fail "systemd-analyze verify printed warnings: $out"
  ok "systemd-analyze verify $(basename "$unit")"
  if security=$(systemd-analyze security --offline=true "$unit" 2>&1); then
    exposure=$(printf '%s\n' "$security" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
    [ -n "$exposure" ] || fail "systemd-analyze security printed no exposure level: $security"
    awk -v e="$exposure" 'BEGIN { exit !(e <= 3.0) }' ||
      fail "systemd-analyze security: exposure $exposure is above 3.0 (a hardening directive dropped?)"
    ok "systemd-analyze security: exposure $exposure"
  else
    echo "deploy/check: SKIP: this systemd-analyze cannot rate a unit file offline (systemd < 252)" >&2
  fi
else
  echo "deploy/check: SKIP: systemd-analyze is not installed, the unit is not verified" >&2
fi

# 2. the unit's command line, as systemd would run it
exec_lines=$(grep -c '^ExecStart=' "$unit" || true)
[ "$exec_lines" = 1 ] || fail "expected exactly one ExecStart= line, found $exec_lines"
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
exec_start=${exec_start#[-@:+!]}   # systemd's prefixes, none of which changes the command
case "$exec_start" in
  *[\"\'\$%\\]*) fail "ExecStart= uses quotes, \$, % or \\ that this check does not expand: $exec_start" ;;
esac
read -r -a cmd <<<"$exec_start"
jar_at=-1
for i in "${!cmd[@]}"; do
  if [ "${cmd[$i]}" = "-jar" ]; then jar_at=$((i + 1)); fi
done
[ "$jar_at" -gt 0 ] && [ "$jar_at" -lt "${#cmd[@]}" ] || fail "ExecStart= has no '-jar FILE': $exec_start"
[ -x "${cmd[0]}" ] || fail "ExecStart= runs ${cmd[0]}, which is not an executable here"
cmd[$jar_at]="$jar"

# The launcher's JVM options (the ones benchmarks/latency-overhead.sh measures) in ExecStart= too
launcher="$root/bin/aida-billing-http"
launcher_opts=$(sed -n 's/^jvm_opts=(\(.*\))$/\1/p' "$launcher")
[ -n "$launcher_opts" ] || fail "$(basename "$launcher") has no jvm_opts=(...) line to compare with"
for opt in $launcher_opts; do
  case " ${cmd[*]} " in
    *" $opt "*) ;;
    *) fail "ExecStart= lacks $opt, which bin/aida-billing-http passes: the unit would run another JVM than the one measured" ;;
  esac
done
ok "ExecStart= passes bin/aida-billing-http's JVM options ($launcher_opts)"

# MemoryMax= against the heap: both in MiB
to_mib() { # 128m, 512M, 1g, 1G, or bytes
  local v=${1,,}
  case $v in
    *k) echo $((${v%k} / 1024)) ;; *m) echo "${v%m}" ;; *g) echo $((${v%g} * 1024)) ;;
    *[!0-9]* | '') echo "" ;; *) echo $((v / 1048576)) ;;
  esac
}
xmx=""
for word in "${cmd[@]}"; do case $word in -Xmx*) xmx=$(to_mib "${word#-Xmx}") ;; esac; done
memory_max=$(sed -n 's/^MemoryMax=//p' "$unit")
[ -n "$xmx" ] || fail "ExecStart= sets no -Xmx: the heap would be a quarter of the machine's memory"
[ -n "$memory_max" ] || fail "no MemoryMax=: nothing bounds the service's memory"
memory_max_mib=$(to_mib "$memory_max")
[ -n "$memory_max_mib" ] || fail "MemoryMax=$memory_max is not a size this check reads (K, M or G)"
[ "$memory_max_mib" -ge $((3 * xmx)) ] ||
  fail "MemoryMax=$memory_max is under three times -Xmx (${xmx} MiB): a kill at MemoryMax= is a SIGKILL"
ok "MemoryMax=$memory_max is at least three times the ${xmx} MiB heap"

stop_timeout=$(sed -n 's/^TimeoutStopSec=//p' "$unit")
stop_timeout=${stop_timeout:-90}
[[ "$stop_timeout" =~ ^[0-9]+s?$ ]] || fail "TimeoutStopSec=$stop_timeout is not plain seconds"
stop_timeout=${stop_timeout%s}
success_statuses="0 $(sed -n 's/^SuccessExitStatus=//p' "$unit")"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
port=$(free_port)
billing_port=$(free_port)
freescout_port=$(free_port)
tmp=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# The unit's own Environment= lines (plain KEY=VALUE only), then the environment file, read as
# systemd's EnvironmentFile= does for the plain KEY=VALUE lines the
# example uses: comments and blank lines skipped, one pair of surrounding quotes removed.
env_args=()
while IFS= read -r assignment; do
  [[ "$assignment" =~ ^[A-Za-z_][A-Za-z0-9_]*=[^\ \"\'\$%]*$ ]] ||
    fail "Environment=$assignment is more than one plain KEY=VALUE, which this check does not read"
  env_args+=("$assignment")
done < <(sed -n 's/^Environment=//p' "$unit")
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in '' | '#'* | ';'*) continue ;; esac
  [[ "$line" =~ ^[A-Za-z_][A-Za-z0-9_]*= ]] || fail "$(basename "$env_example"): not KEY=VALUE: $line"
  key=${line%%=*}
  value=${line#*=}
  if [[ "$value" =~ ^\"(.*)\"$ || "$value" =~ ^\'(.*)\'$ ]]; then value=${BASH_REMATCH[1]}; fi
  env_args+=("$key=$value")
done <"$env_example"
env_args+=(
  "AIDA_HTTP_HOST=127.0.0.1"
  "AIDA_HTTP_PORT=$port"
  "AIDA_BILLING_URL=http://127.0.0.1:$billing_port/api/phone.php"
  "AIDA_FREESCOUT_URL=http://127.0.0.1:$freescout_port/"
  "AIDA_AUDIT_FILE=$tmp/aida-audit.jsonl"
  "AIDA_API_TOKENS=deploy-check-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
)

log="$tmp/service.log"
# systemd starts the command with a clean environment in WorkingDirectory=; so does this check
(cd "$tmp" && exec env -i PATH=/usr/bin:/bin "${env_args[@]}" "${cmd[@]}") >"$log" 2>&1 &
pid=$!

base="http://127.0.0.1:$port"
status=""
for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && code=0 || code=$?
    fail "the service exited with $code before answering /healthz:$(printf '\n%s' "$(tail -20 "$log")")"
  fi
  status=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/healthz" || true)
  [ "$status" = 200 ] && break
  sleep 0.25
done
[ "$status" = 200 ] || fail "/healthz never answered 200 (last: ${status:-none}); log: $(tail -20 "$log")"
ok "ExecStart= with the example environment answers /healthz 200 (port $port)"

# 3. readiness names both unreachable upstreams
ready_body="$tmp/readyz.json"
ready=$(curl -s -o "$ready_body" -w '%{http_code}' --max-time 30 "$base/readyz" || true)
[ "$ready" = 503 ] || fail "/readyz answered ${ready:-nothing}, expected 503: $(cat "$ready_body" 2>/dev/null)"
grep -q '"billing" *: *"BILLING_UNAVAILABLE' "$ready_body" ||
  fail "/readyz does not name billing as unavailable: $(cat "$ready_body")"
grep -q '"freescout" *: *"HELPDESK_UNAVAILABLE' "$ready_body" ||
  fail "/readyz does not name FreeScout as unavailable: $(cat "$ready_body")"
ok "/readyz answers 503 naming billing and FreeScout"

# 4. a graceful stop, as systemctl stop sends it
kill -TERM "$pid"
start=$(date +%s)
code=""
while [ $(($(date +%s) - start)) -le "$stop_timeout" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid" && code=0 || code=$?
    break
  fi
  sleep 0.2
done
[ -n "$code" ] || fail "still running ${stop_timeout}s after SIGTERM (TimeoutStopSec=$stop_timeout)"
pid=""
took=$(($(date +%s) - start))
case " $success_statuses " in
  *" $code "*) ;;
  *) fail "exit status $code after SIGTERM is not one the unit counts as success ($success_statuses)" ;;
esac
grep -q '^[[:space:]]\+at \|Exception in thread' "$log" && fail "the service log holds a stack trace: $(cat "$log")"
grep -q '??????' "$log" && fail "Russian text reaches the log as '?' (no UTF-8 output): $(cat "$log")"
grep -q 'недоступен' "$log" || fail "the log lacks the upstream warning in readable Russian: $(cat "$log")"
ok "the log is readable UTF-8 without stack traces"
ok "SIGTERM: exit status $code after ${took}s (TimeoutStopSec=$stop_timeout)"
echo "deploy/check: all checks passed"
