package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/** {@code aida-billing sync-all} over 1 000 in-memory customers with every kind of outcome. */
class SyncAllTest {
  private static final int CUSTOMERS = 1000;
  @TempDir Path dir;

  /**
   * Customer i: i%10==0 no phone, 1 not in billing, 2 two accounts, 3 already in sync (synced
   * before the walk), the rest need an update.
   */
  static World thousand() {
    World w = new World();
    List<Long> inSync = new ArrayList<>();
    for (int i = 1; i <= CUSTOMERS; i++) {
      String phone = String.format("+7900%07d", i);
      Phone p = new Phone(phone);
      int kind = i % 10;
      w.customers.put(
          World.customer(i, "Old" + i, null, kind == 0 ? List.of() : List.of(phone), i));
      if (kind == 2) {
        w.billing.put(
            p,
            World.account("A" + i, "Петров Иван Иванович", "10"),
            World.account("B" + i, "Петрова Анна Ивановна", "20"));
      } else if (kind != 1 && kind != 0) {
        w.billing.put(p, World.account("C" + i, "Петров Иван Иванович", "100.5"));
      }
      if (kind == 3) {
        inSync.add((long) i);
      }
    }
    TestWiring wiring = w.wiring();
    for (long id : inSync) {
      wiring
          .sync()
          .sync(
              SyncCommand.of(
                  CustomerId.of(id), ru.aidabilling.core.domain.Actor.operator("setup")));
    }
    return w;
  }

  static final Map<String, Integer> EXPECTED =
      Map.of(
          "updated",
          600,
          "unchanged",
          100,
          "NO_PHONE",
          100,
          "NOT_IN_BILLING",
          100,
          "AMBIGUOUS",
          100);

  @Test
  void walksEveryCustomerOnceWithAMixOfOutcomes() throws IOException {
    World w = thousand();
    int before = w.customers.updates().size();
    Path report = dir.resolve("report.jsonl");
    Cli.Run r = w.cli().run("sync-all", "--concurrency", "8", "--report", report.toString());
    assertEquals(0, r.exit(), r.toString());
    List<JsonNode> lines = read(report);
    assertEquals(CUSTOMERS, lines.size());
    assertEquals(CUSTOMERS, ids(lines).size());
    assertEquals(EXPECTED, outcomes(lines));
    assertEquals(600, w.customers.updates().size() - before);
    for (JsonNode line : lines) {
      assertTrue(line.get("time").asText().endsWith("Z"), line.toString());
      assertTrue(line.get("changes").isArray());
      List<String> keys = new ArrayList<>();
      line.fieldNames().forEachRemaining(keys::add);
      assertEquals("customerId", keys.get(0));
      assertTrue(keys.get(1).equals("status") || keys.get(1).equals("code"), keys.toString());
      assertEquals("changes", keys.get(2));
      assertEquals("time", keys.get(3));
    }
    JsonNode updated =
        lines.stream().filter(l -> "updated".equals(l.path("status").asText())).findFirst().get();
    assertTrue(updated.get("changes").size() > 0);
    assertTrue(r.out().contains("sync-all completed"), r.out());
    for (Map.Entry<String, Integer> e : EXPECTED.entrySet()) {
      assertTrue(
          r.out().matches("(?s).*\\n  " + e.getKey() + " +" + e.getValue() + "\\n.*"),
          e + "\n" + r.out());
    }
    assertTrue(r.out().matches("(?s).*synced this run +1000\\n.*"), r.out());
  }

  @Test
  void interruptedThenResumedWritesNoCustomerTwice() throws IOException {
    World w = thousand();
    int before = w.customers.updates().size();
    Path report = dir.resolve("report.jsonl");
    StopFlag stop = new StopFlag();
    AtomicInteger calls = new AtomicInteger();
    TestWiring real = w.wiring();
    SyncCustomerUseCase stopping =
        c -> {
          if (calls.incrementAndGet() == 150) {
            stop.stop(); // what the Ctrl-C hook does
          }
          return real.sync().sync(c);
        };
    Cli.Run first =
        Cli.create()
            .stop(stop)
            .wiring(
                new TestWiring(stopping, real.lookup(), real.undo(), real.health(), w.customers))
            .run("sync-all", "--concurrency", "4", "--report", report.toString());
    assertEquals(130, first.exit(), first.toString());
    assertTrue(first.out().contains("stopped"), first.out());
    int written = read(report).size();
    assertTrue(written >= 150 && written <= 154, "lines after the stop: " + written);
    assertTrue(calls.get() <= 154, "syncs started after the stop: " + calls.get());

    Cli.Run second = w.cli().run("sync-all", "--concurrency", "4", "--report", report.toString());
    assertEquals(0, second.exit(), second.toString());
    assertTrue(
        second.out().matches("(?s).*already in report, skipped +" + written + "\\n.*"),
        second.out());
    List<JsonNode> lines = read(report);
    assertEquals(CUSTOMERS, lines.size());
    assertEquals(CUSTOMERS, ids(lines).size());
    assertEquals(EXPECTED, outcomes(lines));
    List<InMemoryCustomerDirectory.Update> updates =
        w.customers.updates().subList(before, w.customers.updates().size());
    Set<CustomerId> updatedOnce = new HashSet<>();
    for (InMemoryCustomerDirectory.Update u : updates) {
      assertTrue(updatedOnce.add(u.id()), "customer " + u.id() + " written twice");
    }
    assertEquals(600, updates.size());
  }

  @Test
  void ctrlCHookStopsCleanlyAndWaitsForTheSummary() throws Exception {
    World w = thousand();
    Path report = dir.resolve("report.jsonl");
    AtomicInteger calls = new AtomicInteger();
    TestWiring real = w.wiring();
    SyncCustomerUseCase slow =
        c -> {
          calls.incrementAndGet();
          sleep(2);
          return real.sync().sync(c);
        };
    Cli cli =
        Cli.create()
            .wiring(new TestWiring(slow, real.lookup(), real.undo(), real.health(), w.customers));
    AtomicReference<Cli.Run> result = new AtomicReference<>();
    Thread main = new Thread(() -> result.set(cli.run("sync-all", "--report", report.toString())));
    main.start();
    while (calls.get() < 50) {
      sleep(1);
    }
    assertEquals(1, cli.interruptActions.size());
    Thread hook = new Thread(cli.interruptActions.get(0));
    hook.start();
    hook.join(60_000);
    assertFalse(hook.isAlive());
    main.join(60_000);
    assertEquals(130, result.get().exit(), result.get().toString());
    assertTrue(result.get().err().contains("stopping"), result.get().err());
    List<JsonNode> lines = read(report);
    assertEquals(ids(lines).size(), lines.size());
    assertTrue(lines.size() < CUSTOMERS);
    assertEquals(calls.get(), lines.size(), "every started sync got its line");
  }

  @Test
  void aReportAnotherRunIsWritingIsRefused() throws IOException {
    Path report = dir.resolve("busy.jsonl");
    try (ReportFile held = ReportFile.open(report, false, false, Cli.JSON)) {
      Cli.Run r = thousand().cli().run("sync-all", "--report", report.toString());

      assertEquals(2, r.exit(), r.toString());
      assertTrue(r.err().contains("another sync-all is writing it"), r.err());
    }
    assertEquals("", Files.readString(report), "nothing was written by the refused run");
  }

  @Test
  void anotherProcessFindsTheReportLocked() throws Exception {
    Path report = dir.resolve("locked.jsonl");
    Files.writeString(report, "{\"customerId\": 1, \"status\": \"updated\"}\n");
    Path probe = dir.resolve("LockProbe.java");
    Files.writeString(
        probe,
        "import java.nio.channels.*; import java.nio.file.*;\n"
            + "public class LockProbe { public static void main(String[] a) throws Exception {\n"
            + "  try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {\n"
            + "    FileLock l = c.tryLock(); System.out.print(l == null ? \"busy\" : \"free\"); } } }\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    String whileOpen;
    try (ReportFile held = ReportFile.open(report, false, false, Cli.JSON)) {
      assertEquals(1, held.alreadyDone(), "it read the report (through the locked channel)");
      whileOpen = run(java, probe.toString(), report.toString());
    }
    String afterClose = run(java, probe.toString(), report.toString());

    assertEquals("busy", whileOpen, "the lock must survive reading the report");
    assertEquals("free", afterClose);
  }

  private static String run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    return out.strip();
  }

  @Test
  void theAuditLogIsRefusedAsTheReport() throws IOException {
    Path audit = dir.resolve("audit.jsonl");
    Files.writeString(audit, "");
    World w = thousand();
    int before = w.customers.updates().size();
    for (String given :
        new String[] {audit.toString(), dir.resolve("./x/../audit.jsonl").toString()}) {
      Cli.Run r =
          w.cli().env("AIDA_AUDIT_FILE", audit.toString()).run("sync-all", "--report", given);
      assertEquals(2, r.exit(), r.toString());
      assertTrue(r.err().contains("is the audit log (AIDA_AUDIT_FILE)"), r.err());
    }
    assertEquals("", Files.readString(audit));
    assertEquals(before, w.customers.updates().size(), "nobody written");
  }

  @Test
  void aReportThatCannotBeOpenedSaysWhy() throws IOException {
    Path plain = dir.resolve("plain-file");
    Files.writeString(plain, "");
    Cli.Run r = thousand().cli().run("sync-all", "--report", plain.resolve("r.jsonl").toString());
    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("plain-file exists and is not a folder"), r.err());
  }

  /**
   * A report line cut short (here by a file size limit, as by a full disk) is an error, not a line
   * torn silently.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void aReportLineCutShortIsAnError() throws Exception {
    Path report = dir.resolve("limited.jsonl");
    Files.writeString(report, "x".repeat(1999) + "\n");
    String out =
        ru.aidabilling.core.testing.SizeLimitedJvm.run(
            2, ReportWriteLimitMain.class, report.toString());
    assertEquals("failed", out);
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void aReportThatFillsUpCountsAndNamesTheCustomersSyncedWithoutALine() throws Exception {
    Path report = dir.resolve("filling.jsonl");
    Files.writeString(report, "{\"customerId\":999999,\"status\":\"unchanged\"}\n");

    String out =
        ru.aidabilling.core.testing.SizeLimitedJvm.run(
            1, SyncAllReportLimitMain.class, report.toString());

    assertTrue(out.startsWith("exit 1\n"), out);
    java.util.regex.Matcher written =
        java.util.regex.Pattern.compile("written (\\d+)").matcher(out);
    assertTrue(written.find(), out);
    long writes = Long.parseLong(written.group(1));
    java.util.regex.Matcher named =
        java.util.regex.Pattern.compile("syncs them again\\): (\\d+)").matcher(out);
    assertTrue(named.find(), out);
    String unreported = "\"customerId\":" + named.group(1) + ",";
    String text = Files.readString(report);
    String whole = text.substring(0, text.lastIndexOf('\n') + 1); // a torn last line is no line
    assertFalse(whole.contains(unreported), "it has no line: " + out);
    java.util.regex.Matcher updated =
        java.util.regex.Pattern.compile("updated +(\\d+)").matcher(out);
    assertTrue(updated.find(), out);
    assertEquals(writes, Long.parseLong(updated.group(1)), "every write counted: " + out);
  }

  @Test
  void aReportThatIsNotAFileIsRefused() {
    Cli.Run r = thousand().cli().run("sync-all", "--report", dir.toString());

    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("not a regular file"), r.err());
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void aReportThatIsALinkIsRefusedAndItsTargetLeftAlone() throws Exception {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "original\n");
    Path link = Files.createSymbolicLink(dir.resolve("report.jsonl"), victim);

    Cli.Run r = thousand().cli().run("sync-all", "--dry-run", "--report", link.toString());

    assertEquals(2, r.exit(), r.toString());
    assertTrue(r.err().contains("is a symbolic link"), r.err());
    assertEquals("original\n", Files.readString(victim));
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void aNewReportIsClosedToOthers() throws Exception {
    Path report = dir.resolve("fresh.jsonl");

    Cli.Run r = thousand().cli().run("sync-all", "--dry-run", "--report", report.toString());

    assertEquals(0, r.exit(), r.toString());
    assertEquals(
        "rw-r-----",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(report)));
  }

  @Test
  void theHookDoesNothingOnceTheRunHasFinished() {
    World w = thousand();
    StopFlag flag = new StopFlag();
    Cli cli = w.cli().stop(flag);
    Cli.Run r = cli.run("sync-all", "--report", dir.resolve("r.jsonl").toString());
    assertEquals(0, r.exit());
    cli.interruptActions.get(0).run(); // what System.exit(0) triggers: must not wait or print
    assertFalse(flag.isStopped());
  }

  @Test
  void dryRunWritesNothingAndDoesNotMakeARealRunSkipAnybody() throws IOException {
    World w = thousand();
    int before = w.customers.updates().size();
    Path report = dir.resolve("report.jsonl");
    Cli.Run dry = w.cli().run("sync-all", "--dry-run", "--report", report.toString());
    assertEquals(0, dry.exit(), dry.toString());
    assertEquals(before, w.customers.updates().size());
    List<JsonNode> lines = read(report);
    assertEquals(CUSTOMERS, lines.size());
    assertTrue(lines.stream().allMatch(l -> l.get("dryRun").asBoolean()));
    assertEquals(
        600, lines.stream().filter(l -> "dry-run".equals(l.path("status").asText())).count());
    Cli.Run again = w.cli().run("sync-all", "--dry-run", "--report", report.toString());
    assertEquals(CUSTOMERS, read(report).size(), "a second dry run resumes from the first");
    assertTrue(again.out().matches("(?s).*already in report, skipped +1000\\n.*"), again.out());
    Cli.Run real = w.cli().run("sync-all", "--report", report.toString());
    assertEquals(0, real.exit());
    assertEquals(2 * CUSTOMERS, read(report).size());
    assertEquals(before + 600, w.customers.updates().size());
  }

  @Test
  void fillEmptyLeavesEveryFilledFieldAlone() {
    World w = World.seed(); // customer 31's firstName is "Ivan", billing says "Тарас"
    Path report = dir.resolve("report.jsonl");

    Cli.Run r = w.cli().run("sync-all", "--fill-empty", "--report", report.toString());

    assertEquals(0, r.exit(), r.toString());
    assertEquals("Ivan", w.get(31).firstName());
    assertEquals("Новичков", w.get(31).lastName());
    List<String> fields = new ArrayList<>();
    read(report).get(0).get("changes").forEach(c -> fields.add(c.get("field").asText()));
    assertEquals(List.of("lastName", "company", "zip"), fields);
  }

  @Test
  void concurrencyIsBoundedAndCustomersAreNotLoadedAhead() {
    World w = thousand();
    AtomicInteger active = new AtomicInteger();
    AtomicInteger maxActive = new AtomicInteger();
    AtomicInteger listed = new AtomicInteger();
    AtomicInteger finished = new AtomicInteger();
    AtomicInteger maxAhead = new AtomicInteger();
    TestWiring real = w.wiring();
    SyncCustomerUseCase tracking =
        c -> {
          maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
          maxAhead.accumulateAndGet(listed.get() - finished.get(), Math::max);
          try {
            sleep(1);
            return real.sync().sync(c);
          } finally {
            active.decrementAndGet();
            finished.incrementAndGet();
          }
        };
    CustomerDirectory counting =
        new Delegating(w.customers) {
          @Override
          public CustomerPage list(PageQuery q) {
            CustomerPage p = super.list(q);
            listed.addAndGet(p.customers().size());
            return p;
          }
        };
    Cli.Run r =
        Cli.create()
            .wiring(new TestWiring(tracking, real.lookup(), real.undo(), real.health(), counting))
            .run(
                "sync-all",
                "--concurrency",
                "4",
                "--page-size",
                "20",
                "--report",
                dir.resolve("r.jsonl").toString());
    assertEquals(0, r.exit(), r.toString());
    assertTrue(maxActive.get() <= 4, "at most 4 at once, saw " + maxActive.get());
    assertTrue(maxActive.get() >= 2, "ran in parallel, saw " + maxActive.get());
    assertTrue(maxAhead.get() <= 2 * 4 + 20, "customers listed ahead: " + maxAhead.get());
  }

  @Test
  void rateLimitSpacesTheStarts() {
    World w = thousand();
    long start = System.nanoTime();
    Cli.Run r =
        w.cli()
            .run(
                "sync-all",
                "--rate",
                "100",
                "--since",
                "2024-01-01T00:15:51Z",
                "--report",
                dir.resolve("r.jsonl").toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(0, r.exit(), r.toString());
    assertTrue(
        r.out().matches("(?s).*synced this run +50\\n.*"), r.out()); // --since keeps 951..1000
    assertTrue(seconds >= 0.45, "50 starts at 100/s take at least 0.49 s, took " + seconds);
  }

  @Test
  void customersDeletedDuringTheWalkDoNotMakeItSkipOthers() throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    AtomicInteger listCalls = new AtomicInteger();
    CustomerDirectory deleting =
        new Delegating(w.customers) {
          @Override
          public CustomerPage list(PageQuery q) {
            CustomerPage p = super.list(q);
            if (listCalls.incrementAndGet() == 1) {
              for (long id = 1; id <= 5; id++) { // merged away in FreeScout after page 1 was read
                w.customers.remove(CustomerId.of(id));
              }
            }
            return p;
          }
        };
    TestWiring real = w.wiring();
    Cli.Run r =
        Cli.create()
            .wiring(
                new TestWiring(real.sync(), real.lookup(), real.undo(), real.health(), deleting))
            .run("sync-all", "--page-size", "50", "--report", report.toString());

    assertEquals(0, r.exit(), r.toString());
    Set<Long> reported = ids(read(report));
    for (long id = 6; id <= CUSTOMERS; id++) {
      assertTrue(reported.contains(id), "customer " + id + " was skipped");
    }
    assertEquals(CUSTOMERS, reported.size(), "1-5 were synced before they went, each once");
  }

  @Test
  void listingFailureExits6AndKeepsWhatWasDone() throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    AtomicInteger listCalls = new AtomicInteger();
    CustomerDirectory failing =
        new Delegating(w.customers) {
          @Override
          public CustomerPage list(PageQuery q) {
            listCalls.incrementAndGet();
            if (q.page() == 3) {
              throw new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "FreeScout answered 502");
            }
            return super.list(q);
          }
        };
    TestWiring real = w.wiring();
    Cli.Run r =
        Cli.create()
            .wiring(new TestWiring(real.sync(), real.lookup(), real.undo(), real.health(), failing))
            .run("sync-all", "--report", report.toString(), "--list-retry-delay-ms", "1");
    assertEquals(6, r.exit(), r.toString());
    assertEquals(100, read(report).size());
    assertEquals(2 + 3, listCalls.get(), "page 3 tried three times");
    assertTrue(r.err().contains("FreeScout answered 502"), r.err());
    assertTrue(r.out().contains("FAILED"), r.out());

    CustomerDirectory refused =
        new Delegating(w.customers) {
          @Override
          public CustomerPage list(PageQuery q) {
            throw new UpstreamException(ErrorCode.CONFIGURATION, "check AIDA_FREESCOUT_API_KEY");
          }
        };
    Cli.Run r7 =
        Cli.create()
            .wiring(new TestWiring(real.sync(), real.lookup(), real.undo(), real.health(), refused))
            .run("sync-all", "--report", dir.resolve("r7.jsonl").toString());
    assertEquals(7, r7.exit(), r7.toString());
  }

  @Test
  void retryFailedSyncsAgainOnlyTheCustomersWhoseLineIsAFailure() throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    assertEquals(0, w.cli().run("sync-all", "--report", report.toString()).exit());
    int updates = w.customers.updates().size();

    Cli.Run plain = w.cli().run("sync-all", "--report", report.toString());
    assertTrue(plain.out().matches("(?s).*synced this run +0\\n.*"), plain.out());

    Cli.Run retry = w.cli().run("sync-all", "--retry-failed", "--report", report.toString());
    assertEquals(0, retry.exit(), retry.toString());
    // NO_PHONE, NOT_IN_BILLING and AMBIGUOUS (100 each) again; the 700 that succeeded are skipped
    assertTrue(retry.out().matches("(?s).*synced this run +300\\n.*"), retry.out());
    assertTrue(retry.out().matches("(?s).*already in report, skipped +700\\n.*"), retry.out());
    assertEquals(updates, w.customers.updates().size(), "nobody written again");
    assertEquals(CUSTOMERS + 300, read(report).size());
  }

  @Test
  void aCustomerThatAlwaysEndsInternalDoesNotStopEveryRetryRun() throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    TestWiring real = w.wiring();
    SyncCustomerUseCase fifthBroken =
        c ->
            c.customerId().value() == 5
                ? ru.aidabilling.core.port.in.SyncOutcome.Failed.of(
                    ErrorCode.INTERNAL, "unexpected", c)
                : real.sync().sync(c);
    Wiring wiring =
        new TestWiring(fifthBroken, real.lookup(), real.undo(), real.health(), w.customers);
    String[] args = {"sync-all", "--concurrency", "1", "--report", report.toString()};
    assertEquals(1, Cli.create().wiring(wiring).run(args).exit(), "the first run stops at it");
    assertEquals(0, Cli.create().wiring(wiring).run(args).exit(), "a rerun goes past it");
    String[] retry = {"sync-all", "--retry-failed", "--report", report.toString()};
    Cli.Run r = Cli.create().wiring(wiring).run(retry);
    assertEquals(0, r.exit(), "INTERNAL is not retried, so the retry run completes: " + r);
  }

  @Test
  void aRefusedKeyStopsTheWalkWithExit7AndTheSameCommandResumesOnceItIsFixed() throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    TestWiring real = w.wiring();
    java.util.concurrent.atomic.AtomicBoolean keyRefused =
        new java.util.concurrent.atomic.AtomicBoolean(false);
    AtomicInteger calls = new AtomicInteger();
    SyncCustomerUseCase billingRefusesFrom200 =
        c ->
            calls.incrementAndGet() >= 200 && keyRefused.get()
                ? ru.aidabilling.core.port.in.SyncOutcome.Failed.of(
                    ErrorCode.CONFIGURATION,
                    "Биллинг отказал в доступе (HTTP 403): проверьте AIDA_BILLING_EXTRA_HEADER",
                    c)
                : real.sync().sync(c);
    Wiring wiring =
        new TestWiring(
            billingRefusesFrom200, real.lookup(), real.undo(), real.health(), w.customers);
    String[] args = {"sync-all", "--concurrency", "4", "--report", report.toString()};

    keyRefused.set(true);
    Cli.Run r = Cli.create().wiring(wiring).run(args);

    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.out().contains("FAILED: customer "), r.out());
    assertTrue(r.out().contains("AIDA_BILLING_EXTRA_HEADER"), r.out());
    assertTrue(r.out().contains("fix the setting and run the same command again"), r.out());
    int lines = read(report).size();
    assertTrue(lines >= 199 - 4 && lines < 199 + 8, "stopped within the syncs in flight: " + lines);
    assertTrue(
        read(report).stream().noneMatch(l -> l.path("code").asText().equals("CONFIGURATION")),
        "a customer that met the refused key has no line, so a rerun does it");
    assertTrue(calls.get() < 220, "no walk through the other 800: " + calls.get());

    keyRefused.set(false);
    Cli.Run resumed = Cli.create().wiring(wiring).run(args);
    assertEquals(0, resumed.exit(), resumed.toString());
    assertEquals(CUSTOMERS, read(report).size(), "every customer has exactly one line");
  }

  @Test
  void anInternalAfterARefusedKeyIsTheStopReported() throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    TestWiring real = w.wiring();
    java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch refused = new java.util.concurrent.CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicReference<Long> internalId = new AtomicReference<>();
    SyncCustomerUseCase sync =
        c -> {
          int call = calls.incrementAndGet();
          try {
            if (call == 1) { // the refused key, once the second sync is under way beside it
              secondStarted.await();
              refused.countDown();
              return ru.aidabilling.core.port.in.SyncOutcome.Failed.of(
                  ErrorCode.CONFIGURATION, "Биллинг отказал в доступе (HTTP 401)", c);
            }
            if (call == 2) { // then, after the walk has stopped, a change that went unrecorded
              secondStarted.countDown();
              refused.await();
              Thread.sleep(300);
              internalId.set(c.customerId().value());
              return ru.aidabilling.core.port.in.SyncOutcome.Failed.of(
                  ErrorCode.INTERNAL, "журнал изменений записать не удалось", c);
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return real.sync().sync(c);
        };
    Wiring wiring = new TestWiring(sync, real.lookup(), real.undo(), real.health(), w.customers);

    Cli.Run r =
        Cli.create()
            .wiring(wiring)
            .run("sync-all", "--concurrency", "2", "--report", report.toString());

    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("FAILED: customer " + internalId.get() + ": INTERNAL"), r.out());
    assertTrue(r.out().contains("no further change goes unrecorded"), r.out());
  }

  @Test
  void anAuditLogLostMidWalkStopsItWithExit7() throws IOException {
    // the log can no longer even be opened: the walk names the setting
    Cli.Run r = syncAllWhoseAuditFailsFrom(200, true);
    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.out().contains("FAILED: AIDA_AUDIT_FILE"), r.out());
    assertTrue(r.out().contains("no further change goes unrecorded"), r.out());
  }

  @Test
  void aFullDiskStopsTheWalkAtTheFirstInternalEvenThoughTheLogStillOpens() throws IOException {
    // ENOSPC: every append fails but the log opens fine, so the reopen cannot be the signal
    Cli.Run r = syncAllWhoseAuditFailsFrom(100, false);
    assertEquals(1, r.exit(), r.toString());
    assertTrue(r.out().contains("FAILED: customer "), r.out());
    assertTrue(r.out().contains("INTERNAL: журнал изменений"), r.out());
  }

  /**
   * sync-all over the thousand customers, concurrency 4, where every sync from the {@code first}th
   * on ends INTERNAL as one whose change could not be recorded; {@code logWontOpen}: the audit
   * log's check fails from then on too. Asserts the walk stopped within the syncs in flight.
   */
  private Cli.Run syncAllWhoseAuditFailsFrom(int first, boolean logWontOpen) throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    AtomicInteger calls = new AtomicInteger();
    TestWiring real = w.wiring();
    SyncCustomerUseCase failing =
        c ->
            calls.incrementAndGet() >= first
                ? ru.aidabilling.core.port.in.SyncOutcome.Failed.of(
                    ErrorCode.INTERNAL, "журнал изменений записать не удалось", c)
                : real.sync().sync(c);
    Wiring wiring =
        new TestWiring(failing, real.lookup(), real.undo(), real.health(), w.customers)
            .withAuditCheck(
                () -> {
                  if (logWontOpen && calls.get() >= first) {
                    throw new ru.aidabilling.core.settings.SettingsException(
                        "AIDA_AUDIT_FILE",
                        "AIDA_AUDIT_FILE: cannot write the audit log: Read-only");
                  }
                });
    Cli.Run r =
        Cli.create()
            .wiring(wiring)
            .run("sync-all", "--concurrency", "4", "--report", report.toString());
    assertTrue(calls.get() <= first + 8, "syncs started after the failure: " + calls.get());
    assertTrue(read(report).size() <= first + 8, "lines: " + read(report).size());
    return r;
  }

  /** A report line's time: UTC with all nine digits of the fraction, as the audit log's. */
  private static final java.util.regex.Pattern FIXED_TIME =
      java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{9}Z");

  @Test
  void aReportLineTimeKeepsAllNineFractionDigitsEvenForAWholeSecond() throws Exception {
    World w = World.seed();
    Path report = dir.resolve("r.jsonl");
    java.time.Clock wholeSecond =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-01-15T09:30:25Z"), java.time.ZoneOffset.UTC);
    try (ReportFile file = ReportFile.open(report, false, false, Cli.JSON)) {
      SyncAllRunner.Result result =
          new SyncAllRunner(
                  w.customers,
                  w.wiring().sync(),
                  () -> {},
                  ru.aidabilling.core.domain.Actor.operator("test"),
                  new SyncAllRunner.Options(
                      1,
                      0,
                      Optional.empty(),
                      false,
                      Optional.empty(),
                      50,
                      1,
                      java.time.Duration.ZERO),
                  file,
                  new StopFlag(),
                  wholeSecond)
              .run();
      assertEquals(1, result.done(), result.toString());
    }
    JsonNode line = read(report).get(0);
    assertEquals("updated", line.path("status").asText(), line.toString());
    assertEquals("2026-01-15T09:30:25.000000000Z", line.path("time").asText(), line.toString());
  }

  @Test
  void reportTimesHaveAFixedWidthAndAReportWithEarlierShorterTimesStillResumes()
      throws IOException {
    World w = thousand();
    int before = w.customers.updates().size();
    Path report = dir.resolve("r.jsonl");
    // lines as earlier versions wrote them: Instant.toString(), a fraction of 0, 3 or 9 digits
    String old =
        "{\"customerId\":4,\"status\":\"updated\",\"changes\":[],"
            + "\"time\":\"2026-01-15T09:30:25Z\",\"requestId\":\"01JD4X8R6Z3Q5N7M9P2K4W6Y8B\"}\n"
            + "{\"customerId\":5,\"status\":\"updated\",\"changes\":[],"
            + "\"time\":\"2026-01-15T09:30:25.100Z\",\"requestId\":\"01JD4X8R6Z3Q5N7M9P2K4W6Y8C\"}\n"
            + "{\"customerId\":6,\"code\":\"NO_PHONE\",\"changes\":[],"
            + "\"time\":\"2026-01-15T09:30:25.183002882Z\",\"requestId\":\"01JD4X8R6Z3Q5N7M9P2K4W6Y8D\"}\n";
    Files.writeString(report, old, StandardCharsets.UTF_8);

    Cli.Run r = w.cli().run("sync-all", "--concurrency", "8", "--report", report.toString());

    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().matches("(?s).*already in report, skipped +3\\n.*"), r.out());
    for (InMemoryCustomerDirectory.Update u :
        w.customers.updates().subList(before, w.customers.updates().size())) {
      assertTrue(u.id().value() < 4 || u.id().value() > 6, "synced again: " + u.id());
    }
    List<String> raw = Files.readAllLines(report, StandardCharsets.UTF_8);
    assertEquals(
        old, String.join("\n", raw.subList(0, 3)) + "\n", "earlier lines kept as they were");
    assertEquals(CUSTOMERS, raw.size());
    List<JsonNode> lines = read(report);
    assertEquals(CUSTOMERS, ids(lines).size());
    for (JsonNode line : lines.subList(3, lines.size())) {
      String time = line.get("time").asText();
      assertTrue(FIXED_TIME.matcher(time).matches(), line.toString());
      java.time.Instant.parse(time);
    }

    Cli.Run again = w.cli().run("sync-all", "--report", report.toString());
    assertEquals(0, again.exit(), again.toString());
    assertTrue(
        again.out().matches("(?s).*already in report, skipped +" + CUSTOMERS + "\\n.*"),
        "old and new lines are read back alike: " + again.out());
    assertEquals(CUSTOMERS, Files.readAllLines(report, StandardCharsets.UTF_8).size());
  }

  @Test
  void aTornLastLineIsRedoneAndDoesNotSpoilTheNextLine() throws IOException {
    World w = thousand();
    Path report = dir.resolve("r.jsonl");
    Files.writeString(
        report,
        "{\"customerId\":1,\"code\":\"NO_PHONE\",\"changes\":[],\"time\":\"2024-01-01T00:00:00Z\"}\n"
            + "{\"customerId\":2,\"sta",
        StandardCharsets.UTF_8);
    Cli.Run r = w.cli().run("sync-all", "--report", report.toString());
    assertEquals(0, r.exit(), r.toString());
    List<String> raw = Files.readAllLines(report);
    assertEquals("{\"customerId\":2,\"sta", raw.get(1));
    List<JsonNode> lines = read(report);
    assertEquals(CUSTOMERS, lines.size());
    assertEquals(CUSTOMERS, ids(lines).size());
  }

  @Test
  void badArgumentsExit2() {
    World w = thousand();
    assertEquals(2, w.cli().run("sync-all", "--concurrency", "0").exit());
    assertEquals(2, w.cli().run("sync-all", "--rate", "-1").exit());
    Cli.Run fast = w.cli().run("sync-all", "--rate", "100001");
    assertEquals(2, fast.exit());
    assertTrue(
        fast.err().contains("at most 100000"), "the message states the bound: " + fast.err());
    Cli.Run since = w.cli().run("sync-all", "--since", "yesterday");
    assertEquals(2, since.exit());
    assertTrue(since.err().contains("--since"), since.err());
  }

  @Test
  void terminalGetsAProgressBar() {
    World w = thousand();
    Cli.Run r =
        w.cli().terminal(true).run("sync-all", "--report", dir.resolve("r.jsonl").toString());
    assertEquals(0, r.exit());
    assertTrue(r.err().contains("\r["), r.err());
    assertTrue(r.err().contains("1000/1000 100%"), r.err());
  }

  @Test
  void progressLineShowsRateAndEta() {
    String line =
        Progress.line(new SyncAllRunner.Snapshot(300, 100, 1000, java.time.Duration.ofSeconds(10)));
    assertTrue(line.startsWith("[############------------------] 400/1000  40%"), line);
    assertTrue(line.contains("30.0/s"), line);
    assertTrue(line.contains("ETA 20s"), line);
    assertTrue(line.contains("(100 already in report)"), line);
  }

  private static List<JsonNode> read(Path report) {
    List<JsonNode> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
        try {
          out.add(Cli.JSON.readTree(line));
        } catch (IOException torn) {
          // a torn line from an earlier, killed run
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static Set<Long> ids(List<JsonNode> lines) {
    Set<Long> ids = new HashSet<>();
    lines.forEach(l -> ids.add(l.get("customerId").asLong()));
    return ids;
  }

  private static Map<String, Integer> outcomes(List<JsonNode> lines) {
    Map<String, Integer> m = new HashMap<>();
    for (JsonNode l : lines) {
      String key = l.has("status") ? l.get("status").asText() : l.get("code").asText();
      m.merge(key, 1, Integer::sum);
    }
    return m;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Passes every call through; tests override what they watch or break. */
  static class Delegating implements CustomerDirectory {
    private final CustomerDirectory d;

    Delegating(CustomerDirectory d) {
      this.d = d;
    }

    @Override
    public Optional<CustomerProfile> find(CustomerId id) {
      return d.find(id);
    }

    @Override
    public void update(CustomerId id, ProfilePatch patch) {
      d.update(id, patch);
    }

    @Override
    public CustomerPage list(PageQuery query) {
      return d.list(query);
    }

    @Override
    public void ping() {
      d.ping();
    }
  }
}
