package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher: exit codes, one-line setting errors, the banner. */
class MainTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  Main.Launch launch(Map<String, String> env, String... args) {
    return Main.launch(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void withoutTokensItRefusesToStartWithExitCode7() {
    Main.Launch l = launch(Map.of(), "--port", "0");

    assertEquals(7, l.exitCode());
    assertTrue(l.app().isEmpty());
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().contains("AIDA_API_TOKENS"), err());
    assertFalse(err().contains("\tat "), "no stack trace");
  }

  @Test
  void theEnvironmentExamplesPlaceholderTokenIsRefused() {
    Main.Launch l =
        launch(
            Map.of(
                "AIDA_API_TOKENS", "good-token-1234567890,change-me-to-a-long-random-token",
                "AIDA_BILLING_URL", "http://127.0.0.1:9/api/phone.php",
                "AIDA_FREESCOUT_URL", "http://127.0.0.1:9",
                "AIDA_FREESCOUT_API_KEY", "k"),
            "--port=0");

    assertEquals(7, l.exitCode());
    assertTrue(l.app().isEmpty());
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().contains("AIDA_API_TOKENS") && err().contains("placeholder"), err());
    assertFalse(err().contains("good-token-1234567890"));
  }

  @Test
  void aBadSettingIsOneLineNamingIt() {
    Main.Launch l =
        launch(
            Map.of(
                "AIDA_API_TOKENS", "t0k3n-abcdefgh",
                "AIDA_BILLING_URL", "ftp://billing",
                "AIDA_FREESCOUT_URL", "http://127.0.0.1:9",
                "AIDA_FREESCOUT_API_KEY", "k"),
            "--port=0");

    assertEquals(7, l.exitCode());
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().contains("AIDA_BILLING_URL"), err());
    assertFalse(err().contains("t0k3n-abcdefgh"));
  }

  @Test
  void anAuditLogItCannotWriteStopsTheStartWithExitCode7() throws Exception {
    Path audit = java.nio.file.Files.writeString(dir.resolve("plain-file"), "x").resolve("a.jsonl");
    Main.Launch l =
        launch(
            Map.of(
                "AIDA_API_TOKENS", "t0k3n-abcdefgh",
                "AIDA_BILLING_URL", "http://127.0.0.1:9/b",
                "AIDA_FREESCOUT_URL", "http://127.0.0.1:9",
                "AIDA_FREESCOUT_API_KEY", "k",
                "AIDA_AUDIT_FILE", audit.toString()),
            "--port=0");

    assertEquals(7, l.exitCode());
    assertEquals(1, err().lines().count(), err());
    assertTrue(
        err()
            .contains(
                "AIDA_AUDIT_FILE: cannot write the audit log "
                    + audit
                    + ": "
                    + audit.getParent()
                    + " exists and is not a folder"),
        err());
  }

  @Test
  void aBadPortOptionNamesTheSetting() {
    assertEquals(7, launch(Map.of(), "--sandbox", "--port", "http").exitCode());
    assertTrue(err().contains("AIDA_HTTP_PORT"), err());
  }

  @Test
  void aHostThatDoesNotResolveIsASettingErrorNamingIt() {
    Main.Launch l = launch(Map.of(), "--sandbox", "--port", "0", "--host", "999.1.1.1");

    assertEquals(7, l.exitCode(), err());
    assertTrue(l.app().isEmpty());
    assertEquals(1, err().lines().count(), err());
    assertTrue(err().contains("AIDA_HTTP_HOST") && err().contains("999.1.1.1"), err());
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    assertEquals(2, launch(Map.of(), "--prot", "8900").exitCode());
    assertTrue(err().contains("--prot"));
  }

  @Test
  void helpPrintsUsage() {
    Main.Launch l = launch(Map.of(), "--help");

    assertEquals(0, l.exitCode());
    assertTrue(l.app().isEmpty());
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--sandbox"));
  }

  @Test
  void aConfigFileIsRead() throws Exception {
    Path file = dir.resolve("aida.properties");
    Files.writeString(file, "aida.http.port=not-a-port\n");

    assertEquals(7, launch(Map.of(), "--sandbox", "--config", file.toString()).exitCode());
    assertTrue(err().contains("AIDA_HTTP_PORT"), err());
  }

  @Test
  void theCommandLineBeatsTheEnvironmentWhichBeatsTheConfigFile() throws Exception {
    Path file = dir.resolve("aida.properties");
    Files.writeString(file, "aida.http.host=999.1.1.1\naida.http.port=eighty\n");
    Map<String, String> env =
        Map.of(
            "AIDA_CONFIG",
            file.toString(),
            "AIDA_HTTP_HOST",
            "127.0.0.1",
            "AIDA_HTTP_PORT",
            "ninety",
            "AIDA_AUDIT_FILE",
            dir.resolve("a.jsonl").toString());

    // --port over the environment's port, the environment's host over the file's
    Main.Launch l = launch(env, "--sandbox", "--port", "0");
    try {
      assertEquals(0, l.exitCode(), err());
      assertTrue(l.app().orElseThrow().port() > 0);
    } finally {
      l.app().ifPresent(RunningApp::close);
    }

    // without --port, the environment's port is the one read, not the file's
    assertEquals(7, launch(env, "--sandbox").exitCode());
    assertTrue(err().contains("AIDA_HTTP_PORT") && err().contains("ninety"), err());
    assertFalse(err().contains("eighty"), err());
  }

  @Test
  void theSandboxStartsWithoutSettingsAndTheBannerShowsUrlAndToken() {
    Main.Launch l =
        launch(
            Map.of("AIDA_AUDIT_FILE", dir.resolve("a.jsonl").toString()),
            "--sandbox",
            "--port",
            "0",
            "--host",
            "127.0.0.1");
    try {
      assertEquals(0, l.exitCode(), err());
      String banner = out.toString(StandardCharsets.UTF_8);
      int port = l.app().orElseThrow().port();
      assertTrue(banner.contains("http://127.0.0.1:" + port + "/"), banner);
      assertTrue(banner.contains("Bearer sandbox"), banner);
      assertTrue(banner.contains("\n# CLI against the sandbox"), banner);
      assertTrue(banner.contains("/bin/aida-billing undo --customer 31 --dry-run"), banner);
    } finally {
      l.app().ifPresent(RunningApp::close);
    }
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void theSandboxsCliCommandPastesIntoAShellFromAnyFolder() throws Exception {
    Path launcher = Files.createDirectories(dir.resolve("repo/bin")).resolve("aida-billing");
    Files.writeString(launcher, "#!/bin/sh\nprintf '%s|' \"$AIDA_AUDIT_FILE\" \"$@\"\n");
    launcher.toFile().setExecutable(true);
    Path jar = dir.resolve("repo/http-app/target/aida-billing-http.jar");
    String found = Main.cliLauncher(java.util.Optional.of(jar));
    assertEquals(launcher.toString(), found, "the checkout's launcher, absolute");
    assertEquals(
        "aida-billing",
        Main.cliLauncher(java.util.Optional.of(Path.of("/opt/x/aida-billing-http.jar"))),
        "an installed jar: the one on the PATH");

    String block =
        Main.cliAgainstSandbox(
            new java.util.LinkedHashMap<>(
                Map.of("AIDA_AUDIT_FILE", dir.resolve("it's here/a.jsonl").toString())),
            found);
    Process bash =
        new ProcessBuilder("bash", "-c", block)
            .directory(Files.createDirectories(dir.resolve("elsewhere")).toFile())
            .redirectErrorStream(true)
            .start();
    String ran = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertEquals(0, bash.waitFor(), block + "\n" + ran);
    assertEquals(dir.resolve("it's here/a.jsonl") + "|undo|--customer|31|--dry-run|", ran, block);
  }

  @Test
  void aNonSandboxBannerNeverShowsATokenAndAPortInUseIsExitCode1() {
    Map<String, String> env =
        Map.of(
            "AIDA_API_TOKENS", "secret-token-xyz-123",
            "AIDA_BILLING_URL", "http://127.0.0.1:9/phone.php",
            "AIDA_FREESCOUT_URL", "http://127.0.0.1:9",
            "AIDA_FREESCOUT_API_KEY", "k",
            "AIDA_AUDIT_FILE", dir.resolve("a.jsonl").toString());
    Main.Launch first = launch(env, "--port", "0");
    try {
      assertEquals(0, first.exitCode(), err());
      assertFalse(out.toString(StandardCharsets.UTF_8).contains("secret-token-xyz-123"));
      int port = first.app().orElseThrow().port();

      Main.Launch second = launch(env, "--port", Integer.toString(port));

      assertEquals(1, second.exitCode());
      assertTrue(err().contains("cannot start"), err());
      assertFalse(err().contains("\tat "));
    } finally {
      first.app().ifPresent(RunningApp::close);
    }
  }
}
