package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.UpstreamException;

/** {@code aida-billing config check} over in-memory upstreams: sources, validation, exit codes. */
class ConfigCheckTest {
  @TempDir Path dir;

  private Cli configured(World w) {
    return w.cli()
        .env("AIDA_BILLING_URL", "http://127.0.0.1:9/phone.php")
        .env("AIDA_FREESCOUT_URL", "http://127.0.0.1:9")
        .env("AIDA_FREESCOUT_API_KEY", "very-secret-key")
        .env("AIDA_AUDIT_FILE", dir.resolve("audit.jsonl").toString());
  }

  @Test
  void allGoodExits0ShowingSourcesAndMaskingSecrets() {
    Cli.Run r =
        configured(World.seed()).run("config", "check", "--billing-url", "http://127.0.0.1:8/b");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().matches("(?s).*AIDA_FREESCOUT_API_KEY +\\*+ \\[environment\\].*"), r.out());
    assertFalse(r.out().contains("very-secret-key"), r.out());
    assertTrue(
        r.out().matches("(?s).*AIDA_BILLING_URL +http://127.0.0.1:8/b \\[command line\\].*"),
        r.out());
    assertTrue(r.out().matches("(?s).*AIDA_MAPPING +seed \\[default\\].*"), r.out());
    assertTrue(r.out().contains("ok    billing reachable"), r.out());
    assertTrue(r.out().contains("ok    freescout reachable"), r.out());
    assertTrue(r.out().contains("Result: all good"), r.out());
  }

  @Test
  void settingsThatStopTheServiceAtStartFailTheCheck() {
    Cli.Run r =
        configured(World.seed())
            .env("AIDA_HTTP_PORT", "99999")
            .env("AIDA_HTTP_HOST", "999.1.1.1")
            .env("AIDA_WORKERS", "0")
            .env("AIDA_RATE_LIMIT_BURST", "0")
            .env("AIDA_API_TOKENS", "change-me-to-a-long-random-token")
            .run("config", "check");

    assertEquals(7, r.exit(), r.toString());
    for (String failure :
        new String[] {
          "AIDA_HTTP_HOST must be an IP address or a host name that resolves",
          "AIDA_HTTP_PORT must be a whole number from 1 to 65535, got '99999'",
          "AIDA_API_TOKENS still holds the example's placeholder token",
          "AIDA_RATE_LIMIT_BURST must be a whole number from 1 to 1000000, got '0'",
          "AIDA_WORKERS must be a whole number from 1 to 4096, got '0'"
        }) {
      assertTrue(r.out().contains("FAIL  " + failure), failure + "\n" + r.out());
    }
    assertTrue(r.out().contains("(stops aida-billing-http at start)"), r.out());
    assertFalse(r.out().contains("change-me-to-a-long-random-token"), r.out());
    assertTrue(r.out().contains("ok    every setting the command line uses is valid"), r.out());
    assertTrue(r.out().contains("ok    freescout reachable"), "the CLI's settings are fine");
    assertTrue(r.out().contains("Result: configuration error (exit 7)"), r.out());
  }

  @Test
  void aListenPortOf0FailsTheCheck() {
    Cli.Run r = configured(World.seed()).env("AIDA_HTTP_PORT", "0").run("config", "check");

    assertEquals(7, r.exit(), r.toString());
    assertTrue(
        r.out()
            .contains(
                "FAIL  AIDA_HTTP_PORT is 0, which would make aida-billing-http listen on a random"
                    + " free port"),
        r.out());
    assertTrue(r.out().contains("Result: configuration error (exit 7)"), r.out());
  }

  @Test
  void withoutTokensTheCheckSaysTheServiceNeedsThemButPasses() {
    Cli.Run r = configured(World.seed()).run("config", "check");

    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("ok    every setting only aida-billing-http reads is valid"));
    assertTrue(
        r.out().contains("note  AIDA_API_TOKENS is not set: aida-billing-http refuses to start"),
        r.out());

    Cli.Run set =
        configured(World.seed()).env("AIDA_API_TOKENS", "a".repeat(32)).run("config", "check");
    assertEquals(0, set.exit(), set.toString());
    assertFalse(set.out().contains("note"), set.out());
  }

  @Test
  void aSettingTheAdaptersRefuseIsAFailureNotAnOk() {
    Cli.Run r =
        Cli.create()
            .wiring(CliApp::realWiring)
            .env("AIDA_BILLING_URL", "http://127.0.0.1:9/phone.php")
            .env("AIDA_BILLING_EXTRA_QUERY", "phone=1")
            .env("AIDA_FREESCOUT_URL", "http://127.0.0.1:9")
            .env("AIDA_FREESCOUT_API_KEY", "k")
            .env("AIDA_AUDIT_FILE", dir.resolve("audit.jsonl").toString())
            .run("config", "check");

    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.out().contains("FAIL  AIDA_BILLING_EXTRA_QUERY"), r.out());
    assertFalse(r.out().contains("every setting the command line uses is valid"), r.out());
    assertTrue(r.out().contains("Upstreams: not checked"), r.out());
  }

  @Test
  void anAuditLogInFoldersNotMadeYetPassesAsTheWritersMakeThemButOneUnderAFileFails()
      throws java.io.IOException {
    Cli.Run later =
        configured(World.seed())
            .env("AIDA_AUDIT_FILE", dir.resolve("not/yet/audit.jsonl").toString())
            .run("config", "check");
    assertEquals(0, later.exit(), later.toString());
    assertFalse(java.nio.file.Files.exists(dir.resolve("not")), "a check creates nothing");

    java.nio.file.Files.writeString(dir.resolve("plain"), "x");
    Cli.Run underAFile =
        configured(World.seed())
            .env("AIDA_AUDIT_FILE", dir.resolve("plain/sub/audit.jsonl").toString())
            .run("config", "check");
    assertEquals(7, underAFile.exit(), underAFile.toString());
    assertTrue(
        underAFile.out().contains("FAIL  AIDA_AUDIT_FILE cannot be written"), underAFile.out());
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void anAuditLogThatIsALinkFailsTheCheck() throws java.io.IOException {
    Path target = java.nio.file.Files.writeString(dir.resolve("real.jsonl"), "");
    Path link = java.nio.file.Files.createSymbolicLink(dir.resolve("link.jsonl"), target);

    Cli.Run r =
        configured(World.seed()).env("AIDA_AUDIT_FILE", link.toString()).run("config", "check");

    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.out().contains("FAIL  AIDA_AUDIT_FILE cannot be written: " + link), r.out());
    assertTrue(r.out().contains("it is a symbolic link"), r.out());
  }

  @Test
  void everyMissingOrWrongSettingIsNamedAndExits7() {
    Cli.Run r =
        Cli.create()
            .env("AIDA_BILLING_PHONE_FORMAT", "E165")
            .env("AIDA_MAPPING", "fancy")
            .run("config", "check");
    assertEquals(7, r.exit(), r.toString());
    for (String name :
        new String[] {
          "AIDA_BILLING_URL is required", "AIDA_FREESCOUT_URL is required",
          "AIDA_FREESCOUT_API_KEY is required", "AIDA_BILLING_PHONE_FORMAT must be one of",
          "AIDA_MAPPING must be one of"
        }) {
      assertTrue(r.out().contains("FAIL  " + name), name + "\n" + r.out());
    }
    assertTrue(r.out().contains("not checked"), r.out());
  }

  @Test
  void anUnreadableConfigFileExits7() {
    Cli.Run r =
        Cli.create()
            .run("config", "check", "--config", dir.resolve("missing.properties").toString());
    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.out().contains("missing.properties"), r.out());
  }

  @Test
  void anUnreachableUpstreamExits6() {
    World w = World.seed();
    w.billing.failWith(new UpstreamException(ErrorCode.BILLING_UNAVAILABLE, "connection refused"));
    Cli.Run r = configured(w).run("config", "check");
    assertEquals(6, r.exit(), r.toString());
    assertTrue(r.out().contains("FAIL  billing:"), r.out());
    assertTrue(r.out().contains("ok    freescout"), r.out());
  }

  @Test
  void aRefusedApiKeyExits7() {
    World w = World.seed();
    w.customers.failReadsWith(
        new UpstreamException(
            ErrorCode.CONFIGURATION, "FreeScout answered 401: check AIDA_FREESCOUT_API_KEY"));
    Cli.Run r = configured(w).run("config", "check");
    assertEquals(7, r.exit(), r.toString());
    assertTrue(r.out().contains("AIDA_FREESCOUT_API_KEY"), r.out());
  }
}
