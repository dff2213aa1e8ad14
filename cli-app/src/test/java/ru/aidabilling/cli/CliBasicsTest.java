package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;

/** Help, version, completion, argument errors and the global options. */
class CliBasicsTest {

  @Test
  void helpListsEveryCommandExitCodesAndExamplesWithoutSettings() {
    Cli.Run r = Cli.create().run("--help");
    assertEquals(0, r.exit(), r.toString());
    for (String command :
        new String[] {
          "sync", "lookup", "parse", "sync-all", "undo", "config", "generate-completion"
        }) {
      assertTrue(r.out().contains("\n  " + command + " "), command + " missing in\n" + r.out());
    }
    assertTrue(r.out().contains("Exit codes:"), r.out());
    assertTrue(r.out().contains("130"), r.out());
    assertTrue(r.out().contains("129 after SIGHUP"), r.out());
    assertTrue(r.out().contains("Examples:"), r.out());
  }

  @Test
  void syncAllHelpNamesEveryExitItCanEndWith() {
    Cli.Run r = Cli.create().run("sync-all", "--help");
    String text = r.out().replaceAll("\\s+", " ");
    assertTrue(text.contains("2 when the report cannot be opened"), r.out());
    assertTrue(text.contains("129 after SIGHUP"), r.out());
    assertTrue(text.contains("group_by(.customerId) | map(last)"), "the last line per customer");
  }

  @Test
  void everySubcommandHasHelpWithExamples() {
    for (String[] args :
        new String[][] {
          {"sync", "--help"},
          {"lookup", "--help"},
          {"parse", "--help"},
          {"sync-all", "--help"},
          {"undo", "--help"},
          {"config", "--help"},
          {"config", "check", "--help"},
          {"generate-completion", "--help"}
        }) {
      Cli.Run r = Cli.create().run(args);
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Examples:"), String.join(" ", args) + "\n" + r.out());
      assertTrue(r.out().contains("Exit codes:"), r.out());
    }
  }

  @Test
  void theTopHelpOfTheLazyTreeIsTheFullTreesByteForByte() {
    assertEquals(
        usage(CliApp.commandLine(context(), word -> true)),
        usage(CliApp.commandLine(context(), word -> false)));
  }

  @Test
  void onlyTheNamedSubcommandIsBuiltInFullAndCompletionBuildsThemAll() {
    picocli.CommandLine sync = CliApp.commandLine(context(), "sync"::equals);
    assertTrue(userObject(sync, "sync") instanceof SyncCmd);
    assertFalse(userObject(sync, "lookup") instanceof LookupCmd, "a summary, not LookupCmd");
    assertFalse(userObject(sync, "config") instanceof ConfigCmd);
    picocli.CommandLine everything = CliApp.commandLine(context(), "generate-completion"::equals);
    for (String name : everything.getSubcommands().keySet()) {
      assertTrue(
          userObject(everything, name)
              .getClass()
              .isAnnotationPresent(picocli.CommandLine.Command.class),
          name + " is built from its class");
    }
    assertTrue(everything.getSubcommands().get("config").getSubcommands().containsKey("check"));
  }

  @Test
  void argumentsFromAnAtFileReachTheSubcommandTheyName(@TempDir Path tmp) throws Exception {
    Path args =
        Files.writeString(tmp.resolve("args.txt"), "parse --name \"Иванов Иван Иванович\"\n");
    Cli.Run r = Cli.create().run("@" + args);
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("\"last\" : \"Иванов\""), r.out());
    Path help = Files.writeString(tmp.resolve("help.txt"), "config check --help\n");
    Cli.Run h = Cli.create().run("@" + help);
    assertEquals(0, h.exit(), h.toString());
    assertTrue(h.out().contains("Show every setting"), h.out());
  }

  @Test
  void anOptionOfAnotherSubcommandIsStillRefusedByTheOneRun() {
    Cli.Run r = Cli.create().run("parse", "--concurrency", "4");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("--concurrency"), r.err());
  }

  private static CliContext context() {
    java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
    CliIo io =
        new CliIo(
            new java.io.ByteArrayInputStream(new byte[0]),
            sink,
            sink,
            java.util.Map.of(),
            false,
            "tester");
    java.io.PrintWriter w = new java.io.PrintWriter(sink);
    return new CliContext(io, w, w, new StopFlag(), (settings, gate) -> null, action -> {});
  }

  private static String usage(picocli.CommandLine cl) {
    return cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
  }

  private static Object userObject(picocli.CommandLine root, String name) {
    return root.getSubcommands().get(name).getCommandSpec().userObject();
  }

  @Test
  void versionIsTheMavenVersion() {
    Cli.Run r = Cli.create().run("--version");
    assertEquals(0, r.exit());
    assertTrue(r.out().matches("(?s)aida-billing \\d+\\.\\d+\\.\\d+.*"), r.out());
    Cli.Run sub = Cli.create().run("sync", "--version");
    assertTrue(sub.out().startsWith("aida-billing "), sub.out());
  }

  @Test
  void generatesACompletionScript() {
    Cli.Run r = Cli.create().run("generate-completion");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("complete -F"), r.out().substring(0, 300));
    assertTrue(r.out().contains("sync-all"));
  }

  @Test
  void noCommandIsAUsageError() {
    Cli.Run r = Cli.create().run();
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("a command is required"), r.err());
  }

  @Test
  void unknownCommandExits2WithASuggestionAndNoStackTrace() {
    Cli.Run r = Cli.create().run("synk", "31");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Did you mean"), r.err());
    assertTrue(r.err().contains("--help"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void badCustomerIdExits2BeforeAnySettingIsNeeded() {
    Cli.Run r = Cli.create().run("sync", "abc");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("CUSTOMER_ID must be a positive whole number"), r.err());
    assertTrue(r.err().contains("Try 'aida-billing sync --help'"), r.err());
    assertNoStackTrace(r);
    assertEquals(2, Cli.create().run("sync", "0").exit());
    assertEquals(2, Cli.create().run("sync", "31", "--phone", "12345").exit());
    assertEquals(2, Cli.create().run("sync", "31", "--force-phone").exit());
    assertEquals(2, Cli.create().run("sync", "31", "--bogus").exit());
  }

  @Test
  void badCustomerIdWithJsonIsAValidationProblem() {
    Cli.Run r = Cli.create().run("sync", "-5", "--json");
    assertEquals(2, r.exit(), r.toString());
    JsonNode p = r.json();
    assertEquals("VALIDATION", p.get("code").asText());
    assertEquals(400, p.get("status").asInt());
    assertTrue(p.get("type").asText().startsWith("tag:aida-billing,2026:problem:"));
  }

  @Test
  void missingSettingExits7NamingIt() {
    Cli.Run r =
        Cli.create()
            .wiring(
                s -> {
                  s.url(Setting.BILLING_URL);
                  throw new AssertionError("unreachable");
                })
            .run("sync", "31");
    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.err().contains("AIDA_BILLING_URL"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void unexpectedFailureExits1WithOneLineAndNoStackTrace() {
    Cli.Run r =
        Cli.create()
            .wiring(
                new TestWiring(
                    c -> {
                      throw new IllegalStateException("boom");
                    },
                    null,
                    null,
                    null,
                    null))
            .run("sync", "31");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("internal error (IllegalStateException: boom)"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void globalOptionsWorkBeforeAndAfterTheCommandAndBeatTheEnvironment(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("aida.properties");
    Files.writeString(
        file,
        "aida.freescout.url=http://from-file.example\naida.freescout.api.key=k\n"
            + "aida.mapping=full\n");
    for (String[] args :
        new String[][] {
          {"--config", file.toString(), "--billing-url", "http://cli.example/b", "sync", "31"},
          {"sync", "31", "--config", file.toString(), "--billing-url", "http://cli.example/b"}
        }) {
      AtomicReference<Settings> seen = new AtomicReference<>();
      Cli.create()
          .env("AIDA_BILLING_URL", "http://env.example/b")
          .env("AIDA_MAPPING", "seed")
          .wiring(
              s -> {
                seen.set(s);
                throw new IllegalStateException("stop here");
              })
          .run(args);
      Settings s = seen.get();
      assertEquals("http://cli.example/b", s.required(Setting.BILLING_URL), String.join(" ", args));
      assertEquals("command line", s.sourceOf(Setting.BILLING_URL).orElseThrow());
      assertEquals("http://from-file.example", s.required(Setting.FREESCOUT_URL));
      assertEquals("seed", s.required(Setting.MAPPING)); // environment beats the file
    }
  }

  @Test
  void anErrorEscapingACommandStillEndsInOneLine() {
    Cli.Run r =
        Cli.create()
            .wiring(
                new TestWiring(
                    c -> {
                      throw new StackOverflowError();
                    },
                    null,
                    null,
                    null,
                    null))
            .run("sync", "31");
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.err().contains("internal error (StackOverflowError)"), r.err());
    assertNoStackTrace(r);
  }

  @Test
  void adapterWarningsShowOnlyWithVerbose() {
    World w = World.seed();
    ru.aidabilling.core.port.in.SyncCustomerUseCase logging =
        c -> {
          java.util.logging.Logger.getLogger("ru.aidabilling.adapter.test")
              .warning("FreeScout answered 502 (ConnectException)");
          return w.wiring().sync().sync(c);
        };
    TestWiring wiring = new TestWiring(logging, null, null, null, null);
    Cli.Run quiet = Cli.create().wiring(wiring).run("sync", "31");
    assertEquals(0, quiet.exit(), quiet.toString());
    assertFalse(quiet.err().contains("502"), quiet.err());
    Cli.Run verbose = Cli.create().wiring(wiring).run("sync", "31", "--verbose");
    assertTrue(
        verbose.err().contains("aida-billing: warning: FreeScout answered 502 (ConnectException)"),
        verbose.err());
  }

  static void assertNoStackTrace(Cli.Run r) {
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(
        r.err().matches("(?s).*\\b[a-z]+\\.[a-z.]+\\.[A-Za-z]+(Exception|Error)\\b.*"), r.err());
    assertFalse(r.out().contains("\tat "), r.out());
  }

  @Test
  void anOutputThatCannotBeWrittenIsAnErrorNotASilentSuccess() {
    Cli.Run r = parseIntoAFailingStdout("No space left on device");

    assertEquals(1, r.exit(), r.err());
    assertTrue(
        r.err().startsWith("aida-billing: cannot write the output: No space left on device"),
        r.err());
  }

  @Test
  void aReaderThatWentAwayIsNotAnError() {
    Cli.Run r = parseIntoAFailingStdout("Broken pipe");

    assertEquals(0, r.exit());
    assertEquals("", r.err());
  }

  /** {@code parse} with a standard output whose every write fails with {@code message}. */
  static Cli.Run parseIntoAFailingStdout(String message) {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    java.io.OutputStream failing =
        new java.io.OutputStream() {
          @Override
          public void write(int b) throws java.io.IOException {
            throw new java.io.IOException(message);
          }
        };
    CliIo io =
        new CliIo(
            java.io.InputStream.nullInputStream(),
            failing,
            err,
            java.util.Map.of(),
            false,
            "tester");
    int exit =
        new CliApp(io, (s, g) -> null, new StopFlag(), r -> {})
            .run("parse", "--name", "Иванов Иван");
    return new Cli.Run(exit, "", err.toString(java.nio.charset.StandardCharsets.UTF_8));
  }
}
