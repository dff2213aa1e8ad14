#!/usr/bin/env bash
# Checks bin/aida-billing, the operators' launcher, on a copy of the built jar in a temporary
# project layout (so the real cli-app/target is never touched):
#   1. the first run answers as the jar does and leaves a class archive beside the jar, with no
#      temporary files;
#   2. later runs load picocli and our classes from that archive (picocli is compiled for Java 5,
#      which JDK 17's dynamic archive would skip), and --help reads no annotations (no proxy class);
#      the archive's heap objects (the module graph) are mapped, as JDK 17 does for G1 only; one
#      compiler thread, and C2 back (with the threads it needs) when JAVA_OPTS asks for it;
#   3. a jar newer than the archive gets a new archive;
#   4. a damaged archive is ignored: the command still answers, exit 0;
#   5. when no archive can be written (its path is taken by a folder), the command still answers;
#   6. run by a user who cannot write the install (root runs this step as nobody), the command
#      answers and leaves nothing behind;
#   7. under a locale that is not UTF-8 (LANG=C, or none) or not installed, Cyrillic arguments
#      arrive whole;
#   8. the JVM is told whether stderr (where sync-all's progress bar goes) is a terminal.
#   (7 also: a closed stdin reads as empty, not as a file the JVM opened on descriptor 0.)
# Usage: launcher-check.sh path/to/aida-billing.jar     Exit 0 when every step passes, 1 otherwise.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
launcher="$here/../../../../bin/aida-billing"
jar=${1:?usage: launcher-check.sh path/to/aida-billing.jar}

fail() { echo "launcher-check: FAIL: $*" >&2; exit 1; }
ok() { echo "launcher-check: ok: $*"; }

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/cli-app/target"
cp "$launcher" "$work/bin/aida-billing"
cp "$jar" "$work/cli-app/target/aida-billing.jar"
cli="$work/bin/aida-billing"
jsa="$work/cli-app/target/aida-billing.jsa"
expected=$(java -jar "$jar" --version)
# A java first on the PATH that counts its starts, so each step can say how many JVMs it cost.
real_java=$(command -v java)
mkdir -p "$work/shim"
chmod 755 "$work" "$work/shim"
cat >"$work/shim/java" <<SHIM
#!/bin/sh
echo started >>"\$AIDA_CHECK_STARTS"
[ -n "\$AIDA_CHECK_ARGS" ] && echo "\$*" >>"\$AIDA_CHECK_ARGS"
exec "$real_java" "\$@"
SHIM
chmod 755 "$work/shim/java"
export PATH="$work/shim:$PATH"
starts() { # starts FILE: how many JVMs were started since FILE was emptied
  wc -l <"$1" | tr -d ' '
}
export AIDA_CHECK_STARTS="$work/starts"
: >"$AIDA_CHECK_STARTS"

# 1
out=$("$cli" --version) || fail "first run exited $?"
[ "$out" = "$expected" ] || fail "first run printed '$out', the jar prints '$expected'"
[ -s "$jsa" ] || fail "no class archive after the first run"
[ "$(starts "$AIDA_CHECK_STARTS")" = 4 ] \
  || fail "the first run started $(starts "$AIDA_CHECK_STARTS") JVMs, expected 4 (list, list, dump, run)"
: >"$AIDA_CHECK_STARTS"
"$cli" --version >/dev/null
[ "$(starts "$AIDA_CHECK_STARTS")" = 1 ] || fail "a run with the archive started $(starts "$AIDA_CHECK_STARTS") JVMs"
leftovers=$(find "$work/cli-app/target" -name '*.tmp*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"
ok "first run answers and makes the archive; the next starts one JVM"

# 2
loads=$(JAVA_OPTS=-Xlog:class+load=info "$cli" --help)
for class in picocli.CommandLine ru.aidabilling.cli.CliApp; do
  grep -q "^\[.*\] $class source: shared objects file" <<<"$loads" \
    || fail "$class was not loaded from the archive"
done
shared=$(grep -c 'source: shared objects file' <<<"$loads" || true)
other=$(grep -c 'source: ' <<<"$loads" | tr -d ' ')
[ "$shared" -gt $((other * 9 / 10)) ] || fail "only $shared of $other classes came from the archive"
grep -q '^Usage: aida-billing' <<<"$loads" || fail "--help printed no usage"
ok "--help loads $shared of $other classes from the archive, picocli among them"
# Only the JVM's own method-handle forms may be made at run time: an annotation proxy means a
# command's annotations were read (the root and the unnamed subcommands are built without), and a
# class from the jar means one the archive could not hold.
unarchived=$(grep 'source: ' <<<"$loads" | grep -v 'source: shared objects file' |
  grep -v '^\[.*\] java\.lang\.invoke\.LambdaForm\$' || true)
[ -z "$unarchived" ] || fail "--help loaded classes the archive does not hold:
$unarchived"
ok "--help reads no annotations and makes no class beyond method-handle forms"
# The archive's heap objects (module graph, strings) are mapped, which JDK 17 does for G1 only.
cds=$(JAVA_OPTS=-Xlog:cds=info "$cli" --version)
grep -q 'full module graph: enabled' <<<"$cds" \
  || fail "the archive's heap objects are not used (the module graph is built at every start)"
ok "the archive's module graph and strings are mapped"
flags=$(JAVA_OPTS=-XX:+PrintFlagsFinal "$cli" --version)
grep -Eq '^ +intx CICompilerCount += 1 ' <<<"$flags" || fail "the JVM does not run one compiler thread"
ok "one compiler thread"
# JAVA_OPTS may bring C2 back (as docs/http-api.md says for the service): with both compilers the
# JVM refuses one compiler thread ("CICompilerCount (1) must be at least 2") and would not start.
out=$(JAVA_OPTS=-XX:TieredStopAtLevel=4 "$cli" --version 2>&1) \
  || fail "JAVA_OPTS=-XX:TieredStopAtLevel=4: exit $?: $out"
[ "$out" = "$expected" ] || fail "JAVA_OPTS=-XX:TieredStopAtLevel=4 printed '$out'"
flags=$(JAVA_OPTS="-XX:TieredStopAtLevel=4 -XX:+PrintFlagsFinal" "$cli" --version)
grep -Eq '^ +intx TieredStopAtLevel += 4 ' <<<"$flags" || fail "JAVA_OPTS=-XX:TieredStopAtLevel=4 did not take"
ok "JAVA_OPTS=-XX:TieredStopAtLevel=4 starts with C2 back"

# 3
before=$(stat -c %Y "$jsa")
sleep 1.1
touch "$work/cli-app/target/aida-billing.jar"
"$cli" --version >/dev/null || fail "run after the jar changed exited $?"
after=$(stat -c %Y "$jsa")
[ "$after" -gt "$before" ] || fail "the archive was not remade for a newer jar"
ok "a newer jar gets a new archive"

# 4
chmod u+w "$jsa"
head -c 4096 /dev/urandom >"$jsa"
touch -d '+1 minute' "$jsa"
out=$("$cli" --version 2>&1) || fail "run with a damaged archive exited $?"
[ "$out" = "$expected" ] || fail "run with a damaged archive printed '$out'"
ok "a damaged archive is ignored"

# 5
rm -f "$jsa"
mkdir "$jsa"   # the archive's path is taken by a folder: nothing can be written there
out=$("$cli" --version 2>&1) || fail "run without a writable archive path exited $?"
[ "$out" = "$expected" ] || fail "run without a writable archive path printed '$out'"
[ -z "$(ls -A "$jsa")" ] || fail "files were written into the folder at the archive's path"
leftovers=$(find "$work/cli-app/target" -name '*.tmp*')
[ -z "$leftovers" ] || fail "temporary files left: $leftovers"
ok "no archive, still answers"

# 6
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
  shared_install=$(mktemp -d /tmp/aida-launcher-ro.XXXXXX)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work" "$shared_install"' EXIT
  cp -r "$work/bin" "$work/cli-app" "$shared_install/"
  rm -rf "$shared_install/cli-app/target/aida-billing.jsa"
  chmod -R a+rX,go-w "$shared_install"
  nobody_starts="$shared_install/starts"
  touch "$nobody_starts" && chmod 666 "$nobody_starts"
  # The marker lies outside the install (making it inside would change the folder's time) and
  # after every file this step makes there, a tick before the run: times are only so fine.
  touch "$work/.before"
  sleep 0.1
  out=$(cd / && AIDA_CHECK_STARTS="$nobody_starts" setpriv --reuid=65534 --regid=65534 \
    --clear-groups "$shared_install/bin/aida-billing" --version 2>&1) \
    || fail "run as nobody exited $?: $out"
  [ "$out" = "$expected" ] || fail "run as nobody printed '$out'"
  [ -z "$(find "$shared_install" -newer "$work/.before" -not -name starts)" ] \
    || fail "run as nobody wrote into the install"
  [ "$(starts "$nobody_starts")" = 1 ] \
    || fail "run as nobody started $(starts "$nobody_starts") JVMs: it tried to make an archive it cannot write"
  ok "a user who cannot write the install gets an answer, one JVM, nothing written"
else
  echo "launcher-check: skipped: step 6 needs root and setpriv"
fi

# 7
# xx_XX.UTF-8 is named UTF-8 but installed nowhere: the C library falls back to ASCII
for locale in "LANG=C" "LC_ALL=C" "LANG=POSIX LC_CTYPE=POSIX" "" "LANG=xx_XX.UTF-8" \
  "LC_CTYPE=C LANG=xx_XX.UTF-8"; do
  # shellcheck disable=SC2086  # $locale is a list of assignments by design
  out=$(env -u LANG -u LC_ALL -u LC_CTYPE $locale "$cli" parse --name 'Иванов Иван Иванович') \
    || fail "parse under '${locale:-no locale}' exited $?"
  case $out in
    *'"last" : "Иванов"'*) ;;
    *) fail "under '${locale:-no locale}' the Cyrillic argument arrived garbled: $out" ;;
  esac
done
ok "Cyrillic arguments arrive whole under LANG=C, LC_ALL=C, POSIX, no locale and an uninstalled UTF-8 locale"
closed=$("$cli" parse --jsonl <&- | wc -l) || fail "parse --jsonl with stdin closed failed"
[ "$closed" -eq 0 ] || fail "with stdin closed, parse --jsonl read $closed lines of something"
ok "a closed stdin reads as empty"

# 8
export AIDA_CHECK_ARGS="$work/args"
: >"$AIDA_CHECK_ARGS"
"$cli" --version >/dev/null 2>"$work/stderr.txt"
grep -q -- '-Daida.stderr.terminal=false' "$AIDA_CHECK_ARGS" \
  || fail "stderr into a file, but the JVM was not told: $(cat "$AIDA_CHECK_ARGS")"
if command -v script >/dev/null; then
  : >"$AIDA_CHECK_ARGS"
  script -qec "$cli --version >/dev/null" /dev/null >/dev/null
  grep -q -- '-Daida.stderr.terminal=true' "$AIDA_CHECK_ARGS" \
    || fail "stderr on a terminal, but the JVM was not told: $(cat "$AIDA_CHECK_ARGS")"
  ok "the JVM is told whether stderr is a terminal (file: false, pty: true)"
else
  ok "the JVM is told stderr is not a terminal (script(1) missing: the pty case is not checked)"
fi
unset AIDA_CHECK_ARGS
