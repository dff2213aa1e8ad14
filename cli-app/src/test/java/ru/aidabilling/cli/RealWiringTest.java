package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The composition root's real wiring: HTTP adapters against loopback stubs, the JSONL audit log.
 */
class RealWiringTest {
  @TempDir Path dir;

  @Test
  void syncThroughTheRealAdaptersWritesFreeScoutAndTheAuditFile() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(3)) {
      Path audit = dir.resolve("audit.jsonl");
      Cli.Run r = stub.cli(audit).run("sync", "1");
      assertEquals(0, r.exit(), r.toString());
      assertTrue(r.out().contains("Баланс:   256,52 ₽"), r.out());
      assertTrue(r.out().contains("firstName: Ivan → Тарас"), r.out());
      assertEquals(1, stub.puts.size(), stub.puts.toString());
      assertTrue(stub.puts.get(0).contains("Тарас"), stub.puts.toString());
      String log = Files.readString(audit);
      assertTrue(log.contains("\"actor\":\"operator:tester\""), log);
      assertTrue(log.contains("\"field\":\"firstName\""), log);

      Cli.Run undo = stub.cli(audit).run("undo", "--customer", "1", "--dry-run");
      assertEquals(0, undo.exit(), undo.toString()); // the stub keeps no state: "changed since"
    }
  }

  @Test
  void theMappingAndWritePolicySettingsReachTheSync() throws Exception {
    // AIDA_MAPPING=full: settlement to city, street line to address, no zip without a postcode;
    // AIDA_WRITE_POLICY=fill-empty: the filled firstName is left alone
    try (StubUpstreams stub = new StubUpstreams(1)) {
      Cli.Run r =
          stub.cli(dir.resolve("audit.jsonl"))
              .env("AIDA_MAPPING", "full")
              .env("AIDA_WRITE_POLICY", "fill-empty")
              .run("sync", "1", "--json");

      assertEquals(0, r.exit(), r.toString());
      List<String> fields = new java.util.ArrayList<>();
      r.json().get("changes").forEach(c -> fields.add(c.get("field").asText()));
      assertEquals(List.of("lastName", "company", "city", "address"), fields);
      assertEquals(1, stub.puts.size(), stub.puts.toString());
      String put = stub.puts.get(0);
      assertTrue(put.contains("\"city\":\"Соляной\""), put);
      assertFalse(put.contains("firstName") || put.contains("zip"), put);
    }
  }

  @Test
  void eachCommandAsksOnlyForTheSettingsItUses() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(1)) {
      Path audit = dir.resolve("audit.jsonl");
      Cli.Run undo =
          Cli.create()
              .wiring(CliApp::realWiring)
              .env("AIDA_FREESCOUT_URL", stub.url())
              .env("AIDA_FREESCOUT_API_KEY", "test-key")
              .env("AIDA_AUDIT_FILE", audit.toString())
              .run("undo", "--customer", "1");
      assertEquals(3, undo.exit(), "undo needs no billing setting: " + undo);
      assertFalse(undo.err().contains("AIDA_BILLING_URL"), undo.toString());

      Cli.Run lookup =
          Cli.create()
              .wiring(CliApp::realWiring)
              .env("AIDA_BILLING_URL", stub.url() + "/billing")
              .run("lookup", "--phone", "+79004445566");
      assertEquals(0, lookup.exit(), "lookup needs no FreeScout setting: " + lookup);

      Cli.Run sync =
          Cli.create()
              .wiring(CliApp::realWiring)
              .env("AIDA_FREESCOUT_URL", stub.url())
              .env("AIDA_FREESCOUT_API_KEY", "test-key")
              .run("sync", "1");
      assertEquals(7, sync.exit(), sync.toString());
      assertTrue(sync.err().contains("AIDA_BILLING_URL"), "sync still names it: " + sync);
    }
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void anAuditLogThatKeepsNothingStopsTheSyncBeforeItWrites() throws Exception {
    // "/dev/null to turn the audit off" would make changes no one could undo
    try (StubUpstreams stub = new StubUpstreams(1)) {
      Cli.Run r = stub.cli(Path.of("/dev/null")).run("sync", "1");

      assertEquals(7, r.exit(), r.toString());
      assertTrue(r.err().contains("AIDA_AUDIT_FILE"), r.toString());
      assertTrue(r.err().contains("not a regular file"), r.toString());
      assertEquals(List.of(), stub.puts, "FreeScout untouched");
    }
  }

  @Test
  void undoThatFindsNothingNamesTheRotatedLogsBesideTheOneItRead() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(1)) {
      Path audit = dir.resolve("aida-audit.jsonl");
      Files.writeString(
          dir.resolve("aida-audit.jsonl.1"),
          "{\"time\":\"2026-11-01T10:00:00Z\",\"actor\":\"webhook\",\"requestId\":"
              + "\"01JD4X8R6Z3Q5N7M9P2K4W6Y8B\",\"customerId\":1,\"field\":\"zip\","
              + "\"old\":null,\"new\":\"Соляной\",\"contract\":\"0138\"}\n");
      Files.write(dir.resolve("aida-audit.jsonl.2.gz"), new byte[] {31, -117});
      Files.writeString(dir.resolve("other.jsonl"), "");

      // rotated by a rename, no new file yet (logrotate nocreate): the next write makes it
      Cli.Run missing = stub.cli(audit).run("undo", "--request", "01JD4X8R6Z3Q5N7M9P2K4W6Y8B");
      assertEquals(3, missing.exit(), missing.toString());
      assertTrue(missing.err().contains("there is no audit log at " + audit), missing.err());
      assertTrue(
          missing.err().contains("older logs beside it are not read: aida-audit.jsonl."),
          missing.err());
      assertTrue(missing.err().contains("aida-audit.jsonl.1"), missing.err());
      assertTrue(missing.err().contains("aida-audit.jsonl.2.gz"), missing.err());
      assertFalse(missing.err().contains("other.jsonl"), missing.err());

      Files.writeString(audit, "");
      Cli.Run empty = stub.cli(audit).run("undo", "--customer", "1", "--dry-run");
      assertEquals(3, empty.exit(), empty.toString());
      assertTrue(empty.err().contains("nothing recorded for customer 1"), empty.err());
      assertTrue(empty.err().contains("aida-audit.jsonl.1"), empty.err());

      Cli.Run older =
          stub.cli(dir.resolve("aida-audit.jsonl.1"))
              .run("undo", "--request", "01JD4X8R6Z3Q5N7M9P2K4W6Y8B", "--dry-run");
      assertEquals(0, older.exit(), older.toString());
    }
  }

  @Test
  void undoWithoutAnAuditLogSaysWhereItLookedAndMakesNone() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(1)) {
      Path audit = dir.resolve("elsewhere/aida-audit.jsonl");
      for (String[] args :
          new String[][] {
            {"undo", "--request", "01JD4X8R6Z3Q5N7M9P2K4W6Y8B"}, {"undo", "--customer", "1"}
          }) {
        Cli.Run r = stub.cli(audit).run(args);
        assertEquals(3, r.exit(), r.toString());
        assertTrue(r.err().contains("there is no audit log at " + audit), r.err());
        assertFalse(Files.exists(audit), "undo made no audit log");
        assertFalse(Files.exists(audit.getParent()), "nor its folder");
      }
      Files.createDirectories(audit.getParent());
      Files.writeString(audit, "");
      Cli.Run none = stub.cli(audit).run("undo", "--customer", "1");
      assertEquals(3, none.exit(), none.toString());
      assertTrue(none.err().contains("in the audit log " + audit), none.err());
    }
  }

  @Test
  void theRealWiringPassesEveryFreeScoutWriteThroughTheRunsWriteGate() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(3)) {
      ru.aidabilling.core.settings.Settings settings =
          ru.aidabilling.core.settings.Settings.load(
              java.util.Map.of(
                  "AIDA_BILLING_URL",
                  stub.url() + "/billing",
                  "AIDA_FREESCOUT_URL",
                  stub.url(),
                  "AIDA_FREESCOUT_API_KEY",
                  "test-key",
                  "AIDA_AUDIT_FILE",
                  dir.resolve("audit.jsonl").toString()),
              java.util.Map.of(),
              java.util.Optional.empty());
      WriteGate gate = new WriteGate();
      try (Wiring wiring = CliApp.realWiring(settings, gate)) {
        assertFalse(gate.stopAndAnyBegun(), "stopped before any write");
        ru.aidabilling.core.port.in.SyncOutcome outcome =
            wiring
                .sync()
                .sync(
                    ru.aidabilling.core.port.in.SyncCommand.of(
                        ru.aidabilling.core.domain.CustomerId.of(1),
                        ru.aidabilling.core.domain.Actor.operator("tester")));
        assertTrue(
            outcome instanceof ru.aidabilling.core.port.in.SyncOutcome.Failed f
                && f.code() == ru.aidabilling.core.domain.ErrorCode.HELPDESK_UNAVAILABLE,
            outcome.toString());
        assertEquals(0, stub.puts.size(), "no PUT after the stop");
      }
    }
  }

  @Test
  void syncAllThroughTheRealAdapters() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(120)) {
      Path report = dir.resolve("report.jsonl");
      Cli.Run r =
          stub.cli(dir.resolve("audit.jsonl"))
              .run("sync-all", "--concurrency", "4", "--report", report.toString());
      assertEquals(0, r.exit(), r.toString());
      assertEquals(120, Files.readAllLines(report).size());
      assertEquals(120, stub.puts.size());
    }
  }

  @Test
  void configCheckReachesBothUpstreams() throws Exception {
    try (StubUpstreams stub = new StubUpstreams(1)) {
      Cli.Run ok = stub.cli(dir.resolve("audit.jsonl")).run("config", "check");
      assertEquals(0, ok.exit(), ok.toString());
      assertTrue(ok.out().contains("ok    billing reachable"), ok.out());
      assertTrue(ok.out().contains("ok    freescout reachable"), ok.out());
      assertFalse(ok.out().contains("test-key"), ok.out());

      stub.freescoutStatus = 401;
      Cli.Run refused = stub.cli(dir.resolve("audit.jsonl")).run("config", "check");
      assertEquals(7, refused.exit(), refused.toString());
      assertTrue(refused.out().contains("AIDA_FREESCOUT_API_KEY"), refused.out());
      Cli.Run sync = stub.cli(dir.resolve("audit.jsonl")).run("sync", "1");
      assertEquals(7, sync.exit(), sync.toString());
    }
  }

  @Test
  void anUnreachableBillingExits6() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (StubUpstreams stub = new StubUpstreams(1)) {
      Cli.Run r =
          stub.cli(dir.resolve("audit.jsonl"))
              .run("config", "check", "--billing-url", "http://127.0.0.1:" + closedPort + "/b");
      assertEquals(6, r.exit(), r.toString());
      assertTrue(r.out().contains("FAIL  billing"), r.out());
    }
  }

  @Test
  void anAuditLogThatCannotBeWrittenStopsEveryWriterBeforeFreeScoutIsWritten() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
    Path audit = notAFolder.resolve("audit.jsonl");
    try (StubUpstreams stub = new StubUpstreams(3)) {
      for (String[] args :
          new String[][] {
            {"sync", "1"},
            {"sync-all", "--report", dir.resolve("r.jsonl").toString()}
          }) {
        Cli.Run r = stub.cli(audit).run(args);
        assertEquals(7, r.exit(), r.toString());
        assertTrue(
            r.err().contains("AIDA_AUDIT_FILE: cannot write the audit log " + audit), r.err());
        assertTrue(r.err().contains("plain-file exists and is not a folder"), r.err());
        CliBasicsTest.assertNoStackTrace(r);
      }
      Cli.Run undo = stub.cli(audit).run("undo", "--customer", "1");
      assertEquals(3, undo.exit(), "there is nothing to undo there: " + undo);
      assertTrue(undo.err().contains("there is no audit log at " + audit), undo.err());
      Cli.Run json = stub.cli(audit).run("sync", "1", "--json");
      assertEquals(7, json.exit(), json.toString());
      assertEquals("CONFIGURATION", json.json().get("code").asText(), "--json gets its problem");
      assertEquals(0, stub.puts.size(), "nothing written: " + stub.puts);
      assertEquals(0, stub.cli(audit).run("sync", "1", "--dry-run").exit(), "a dry run needs none");
    }
  }

  @Test
  void missingSettingsExit7NamingTheSetting() {
    Cli.Run r = Cli.create().wiring(CliApp::realWiring).run("sync", "31");
    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.err().contains("AIDA_BILLING_URL"), r.err());
    CliBasicsTest.assertNoStackTrace(r);
    Cli.Run j = Cli.create().wiring(CliApp::realWiring).run("sync", "31", "--json");
    assertEquals(7, j.exit());
    assertEquals("CONFIGURATION", j.json().get("code").asText());
  }
}
