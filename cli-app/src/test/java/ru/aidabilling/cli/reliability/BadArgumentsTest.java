package ru.aidabilling.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line's bad-input table, run in-process through {@link InProcessCli} (main without the
 * exit): every wrong, missing, oversized or hostile argument to every command ends with exit 2, a
 * short message starting {@code aida-billing} whose first line names the problem, nothing on
 * stdout, no stack trace or exception name, and no upstream touched (the wiring fails the test if a
 * command asks for it).
 */
class BadArgumentsTest {
  static final String MIB = "7".repeat(1024 * 1024);
  static Path dir;

  @BeforeAll
  static void files() throws IOException {
    dir = Files.createTempDirectory("aida-cli-reliab");
    Files.writeString(dir.resolve("not-properties.properties"), "aida.http.port=\\u00zz\n");
    Files.createDirectory(dir.resolve("a-directory"));
  }

  @AfterAll
  static void clean() throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** A bad command line, named for the report. */
  record Bad(String name, List<String> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Bad bad(String name, String... args) {
    return new Bad(name, List.of(args));
  }

  static Stream<Bad> table() {
    String cut = "\u001b[2J\u001b[31m";
    List<Bad> t = new ArrayList<>();
    // the root
    t.add(bad("no command"));
    t.add(bad("unknown command", "frobnicate"));
    t.add(bad("unknown root option", "--frobnicate"));
    t.add(bad("--config without a file", "sync", "31", "--config"));
    // sync
    t.add(bad("sync: no id", "sync"));
    t.add(bad("sync: letters", "sync", "abc"));
    t.add(bad("sync: zero", "sync", "0"));
    t.add(bad("sync: negative", "sync", "-31"));
    t.add(bad("sync: overflow", "sync", "99999999999999999999999"));
    t.add(bad("sync: Long.MAX+1", "sync", "9223372036854775808"));
    t.add(bad("sync: exponent", "sync", "1e3"));
    t.add(bad("sync: fraction", "sync", "31.5"));
    t.add(bad("sync: traversal", "sync", "../../etc/passwd"));
    t.add(bad("sync: NUL", "sync", "31\u0000"));
    t.add(bad("sync: newline in id", "sync", "31\nInjected: line"));
    t.add(bad("sync: terminal escapes in id", "sync", cut + "31"));
    t.add(bad("sync: 1 MiB id", "sync", MIB));
    t.add(bad("sync: two ids", "sync", "31", "32"));
    t.add(bad("sync: --phone without value", "sync", "31", "--phone"));
    t.add(bad("sync: --phone letters", "sync", "31", "--phone", "call me"));
    t.add(bad("sync: --phone foreign", "sync", "31", "--phone", "+12025550100"));
    t.add(bad("sync: --phone 1 MiB", "sync", "31", "--phone", MIB));
    t.add(bad("sync: --phone with newline", "sync", "31", "--phone", "+7900\n4445566"));
    t.add(bad("sync: --force-phone alone", "sync", "31", "--force-phone"));
    t.add(bad("sync: blank --contract", "sync", "31", "--contract", "  "));
    t.add(bad("sync: unknown option", "sync", "31", "--overwrite-everything"));
    t.add(bad("sync: --dry-run=maybe", "sync", "31", "--dry-run=maybe"));
    t.add(bad("sync: --json twice", "sync", "31", "--json", "--json"));
    // lookup
    t.add(bad("lookup: no phone", "lookup"));
    t.add(bad("lookup: empty phone", "lookup", "--phone", ""));
    t.add(bad("lookup: letters", "lookup", "--phone", "abc"));
    t.add(bad("lookup: 1 MiB phone", "lookup", "--phone", MIB));
    t.add(bad("lookup: control characters", "lookup", "--phone", "+7900\u0007\u0008444"));
    t.add(
        bad("lookup: two phones", "lookup", "--phone", "+79004445566", "--phone", "+79001234567"));
    t.add(bad("lookup: positional", "lookup", "+79004445566"));
    // parse
    t.add(bad("parse: nothing to parse", "parse"));
    t.add(bad("parse: --jsonl with --name", "parse", "--jsonl", "--name", "Иванов Иван"));
    t.add(bad("parse: unknown option", "parse", "--nmae", "Иванов Иван"));
    // sync-all
    t.add(bad("sync-all: concurrency 0", "sync-all", "--concurrency", "0"));
    t.add(bad("sync-all: concurrency negative", "sync-all", "--concurrency", "-1"));
    t.add(bad("sync-all: concurrency huge", "sync-all", "--concurrency", "100000"));
    t.add(bad("sync-all: concurrency letters", "sync-all", "--concurrency", "many"));
    t.add(bad("sync-all: concurrency overflow", "sync-all", "--concurrency", "99999999999"));
    t.add(bad("sync-all: rate 0", "sync-all", "--rate", "0"));
    t.add(bad("sync-all: rate NaN", "sync-all", "--rate", "NaN"));
    t.add(bad("sync-all: rate Infinity", "sync-all", "--rate", "Infinity"));
    t.add(bad("sync-all: rate negative", "sync-all", "--rate", "-5"));
    t.add(bad("sync-all: since not a date", "sync-all", "--since", "yesterday"));
    t.add(bad("sync-all: since impossible date", "sync-all", "--since", "2026-13-45"));
    t.add(bad("sync-all: since 1 MiB", "sync-all", "--since", MIB));
    t.add(
        bad(
            "sync-all: report is a directory",
            "sync-all",
            "--report",
            dir.resolve("a-directory").toString()));
    // (a report in a missing folder is created, and unreadable report lines are synced again: both
    // by design, see ReportFile)
    // undo
    t.add(bad("undo: neither", "undo"));
    t.add(bad("undo: both", "undo", "--customer", "31", "--request", "01JD0000000000000000000000"));
    t.add(bad("undo: customer letters", "undo", "--customer", "abc"));
    t.add(bad("undo: customer zero", "undo", "--customer", "0"));
    t.add(bad("undo: customer overflow", "undo", "--customer", "99999999999999999999"));
    t.add(
        bad(
            "undo: since without customer",
            "undo",
            "--request",
            "01JD0000000000000000000000",
            "--since",
            "2026-01-01"));
    t.add(bad("undo: since not a date", "undo", "--customer", "31", "--since", "last week"));
    t.add(bad("undo: request traversal", "undo", "--request", "../../etc/passwd"));
    t.add(bad("undo: request with CR/LF", "undo", "--request", "01JD\r\nX-Injected: 1"));
    t.add(bad("undo: request 1 MiB", "undo", "--request", MIB));
    // config
    t.add(bad("config: no subcommand", "config"));
    t.add(bad("config: unknown subcommand", "config", "fix"));
    t.add(bad("config check: unknown option", "config", "check", "--everything"));
    return t.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void everyBadCommandLineExits2WithAShortCleanMessage(Bad bad) {
    InProcessCli.Run r = InProcessCli.run(bad.args().toArray(String[]::new));

    assertEquals(2, r.exit(), bad.name() + ": " + r);
    assertFalse(r.wired(), "refused before any upstream: " + r);
    if (bad.args().contains("--json")) {
      assertTrue(
          r.out().startsWith("{") && r.out().contains("\"code\":\"VALIDATION\""),
          "--json asked: the problem on stdout: " + r);
    } else {
      assertEquals("", r.out(), "nothing on stdout: " + r);
    }
    assertClean(r.err(), r);
  }

  /** A message for a person: short, starting with the program's name, no internals. */
  static void assertClean(String err, Object context) {
    assertTrue(err.startsWith("aida-billing"), "starts with the program's name: " + context);
    String first = err.lines().findFirst().orElse("");
    assertTrue(first.length() < 400, "a short first line (" + first.length() + " chars)");
    for (String leak : List.of("Exception", "at ru.", "at java.", "\tat ", "picocli.")) {
      assertFalse(err.contains(leak), "'" + leak + "' in: " + context);
    }
    assertFalse(err.contains("\u001b"), "no terminal escape from the input echoed: " + context);
    assertTrue(
        err.lines().noneMatch(l -> l.startsWith("Injected")),
        "no line injected from the input: " + context);
    assertTrue(err.length() < 4000, "no wall of text: " + err.length() + " chars");
  }

  @Test
  void theTableIsBigEnough() {
    assertTrue(table().count() >= 40);
  }

  @Test
  void aPropertiesFileThatIsNotOneIsAConfigurationErrorNamingIt() {
    Path file = dir.resolve("not-properties.properties");

    InProcessCli.Run r =
        InProcessCli.run("--config", file.toString(), "lookup", "--phone", "+79004445566");

    assertEquals(7, r.exit(), r.toString());
    assertFalse(r.wired());
    assertClean(r.err(), r);
  }

  @Test
  void aMissingPropertiesFileIsAConfigurationErrorNamingIt() {
    InProcessCli.Run r =
        InProcessCli.run("--config", dir.resolve("missing.properties").toString(), "sync", "31");

    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.err().contains("missing.properties"), r.toString());
    assertClean(r.err(), r);
  }

  @Test
  void badLinesOnParseJsonlAreReportedInBandAndParsingGoesOn() throws IOException {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.write("{\"phone\":\"+79004445566\"}\n".getBytes(StandardCharsets.UTF_8));
    in.write(
        new byte[] {
          '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}', '\n'
        });
    in.write("[1,2,3]\n".getBytes(StandardCharsets.UTF_8));
    in.write("{\"name\": \"a\u0001b\"}\n".getBytes(StandardCharsets.UTF_8));
    in.write(("{\"name\":\"" + "Я".repeat(300_000) + "\"}\n").getBytes(StandardCharsets.UTF_8));
    in.write("{\"phone\": 79004445566}\n".getBytes(StandardCharsets.UTF_8));
    in.write("{\"name\":\"x\",\"name\":\"y\"}\n".getBytes(StandardCharsets.UTF_8));
    in.write("not json at all\n".getBytes(StandardCharsets.UTF_8));
    in.write("{\"address\":\"поселок Соляной Набережная 8/1\"}\n".getBytes(StandardCharsets.UTF_8));

    InProcessCli.Run r = InProcessCli.run(Map.of(), in.toByteArray(), "parse", "--jsonl");

    assertEquals(0, r.exit(), r.toString());
    List<String> lines = r.out().lines().toList();
    assertEquals(9, lines.size(), "one output line per input line: " + r.out().length());
    assertTrue(lines.get(0).contains("+79004445566"), lines.get(0));
    assertTrue(
        lines.get(2).contains("\"error\"") && lines.get(2).contains("\"line\":3"), lines.get(2));
    assertTrue(
        lines.get(7).contains("\"error\"") && lines.get(7).contains("\"line\":8"), lines.get(7));
    assertTrue(lines.get(8).contains("Соляной"), "parsing went on to the last line");
    for (String line : lines) {
      assertFalse(line.contains("Exception") || line.contains("at java."), line);
    }
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
