#!/usr/bin/env bash
# CLI start (issue 7): wall time of `aida-billing --help` against `java -version` on this machine,
# both measured by hyperfine in one run (goal: under 3x). For reference it also times a trivial
# picocli program (one command, one option, one subcommand; compiled here against the picocli
# classes inside the CLI jar) with the same JVM options and the same kind of static class archive
# bin/aida-billing uses, which shows how much of the start is picocli's own floor rather than ours.
# With CLI_START_BEFORE=path/to/another/checkout (its jar built), that checkout's
# bin/aida-billing --help is timed in the same hyperfine call, for a before/after figure.
# Needs: hyperfine (Debian package), a JDK 17; builds the CLI jar and its class archive if missing.
# Usage: [CLI_START_BEFORE=DIR] benchmarks/cli-start.sh [RUNS]   (default 20)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
need hyperfine hyperfine
need java openjdk-17-jdk-headless
runs=${1:-20}
cli="$bench_root/bin/aida-billing"
jar="$bench_root/cli-app/target/aida-billing.jar"
"$cli" --version >/dev/null # builds the jar and its class archive when missing
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/TrivialHelp.java" <<'JAVA'
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trivial", mixinStandardHelpOptions = true, description = "A reference program.",
    subcommands = TrivialHelp.Sub.class)
public class TrivialHelp implements Runnable {
  @Option(names = "--x", description = "An option.") String x;

  public void run() {}

  @Command(name = "sub", description = "A subcommand.")
  static class Sub implements Runnable {
    @Option(names = "--y", description = "Another option.") String y;

    public void run() {}
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrivialHelp()).execute(args));
  }
}
JAVA
javac -cp "$jar" -d "$work/classes" "$work/TrivialHelp.java"
jar --create --file "$work/trivial.jar" -C "$work/classes" . # a class archive takes jars only
trivial_cp="$jar:$work/trivial.jar"
java -XX:DumpLoadedClassList="$work/trivial.classes" -cp "$trivial_cp" TrivialHelp --help >/dev/null
java -Xshare:dump -XX:SharedClassListFile="$work/trivial.classes" \
  -XX:SharedArchiveFile="$work/trivial.jsa" -Xlog:cds=off -cp "$trivial_cp" >/dev/null
before=()
if [ -n "${CLI_START_BEFORE:-}" ]; then
  "$CLI_START_BEFORE/bin/aida-billing" --version >/dev/null # its class archive
  before=(-n 'before: aida-billing --help' "$CLI_START_BEFORE/bin/aida-billing --help")
fi
machine_line
hyperfine -N -w 3 -r "$runs" --export-json "$work/start.json" \
  -n 'java -version' 'java -version' \
  -n 'aida-billing --help' "$cli --help" \
  "${before[@]}" \
  -n 'trivial picocli --help' \
  "java -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData -XX:SharedArchiveFile=$work/trivial.jsa -Xlog:cds=off -cp $trivial_cp TrivialHelp --help" \
  2>&1 | grep -E '^(Benchmark|  Time)' || true
python3 - "$work/start.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
r = {x["command"]: x["mean"] for x in results}
cpu = {x["command"]: x["user"] + x["system"] for x in results}  # steadier on a busy machine
base, base_cpu = r["java -version"], cpu["java -version"]
for name in ("aida-billing --help", "before: aida-billing --help", "trivial picocli --help"):
    if name in r:
        print(f"{name}: {r[name] * 1000:.0f} ms = {r[name] / base:.1f}x java -version ({base * 1000:.0f} ms);"
              f" CPU {cpu[name] * 1000:.0f} ms = {cpu[name] / base_cpu:.1f}x ({base_cpu * 1000:.0f} ms)")
print("goal: aida-billing --help under 3x java -version")
PY
