package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.settings.Settings;

class ServerConfigTest {
  static ServerConfig withTokens(String tokens, boolean sandbox) {
    return ServerConfig.fromSettings(
        Settings.load(Map.of("AIDA_API_TOKENS", tokens), Map.of(), Optional.empty()), sandbox);
  }

  @Test
  void itsTextShowsTheSettingsButNoTokenNorTheWebhookSecret() {
    ServerConfig c =
        ServerConfig.fromSettings(
            Settings.load(
                Map.of(
                    "AIDA_API_TOKENS", "first-token-0123456789abcdef0123456789,second-token-x",
                    "AIDA_FREESCOUT_WEBHOOK_SECRET", "the-webhook-secret",
                    "AIDA_WORKERS", "17"),
                Map.of(),
                Optional.empty()),
            false);

    String text = c.toString();

    assertTrue(text.contains("workers=17"), text);
    assertTrue(text.contains("webhookSecret=set"), text);
    assertFalse(text.contains("token-"), text);
    assertFalse(text.contains("the-webhook-secret"), text);
  }

  @Test
  void shortTokensAreCountedForTheStartWarning() {
    String strong = "a".repeat(ServerConfig.STRONG_TOKEN_LENGTH);
    assertEquals(0, withTokens(strong, false).weakTokens());
    assertEquals(2, withTokens("t2," + strong + ",bench-token", false).weakTokens());
  }

  @Test
  void theSandboxTokenIsNoWarning() {
    assertEquals(
        0,
        ServerConfig.fromSettings(Settings.load(Map.of(), Map.of(), Optional.empty()), true)
            .weakTokens());
  }

  @Test
  void aWriteFitsEveryDeadlineThatLeavesFourSeconds() {
    ServerConfig defaults = withStrongTokenAnd(Map.of());
    assertEquals(java.time.Duration.ofSeconds(1), defaults.writeBudget(), "kept for the answer");
    assertTrue(defaults.writeFitsDeadline());
    assertTrue(
        withStrongTokenAnd(Map.of("AIDA_FREESCOUT_TIMEOUT_MS", "11000")).writeFitsDeadline(),
        "a long FreeScout time-out is cut to what the deadline leaves");
    assertFalse(
        withStrongTokenAnd(Map.of("AIDA_REQUEST_DEADLINE_MS", "3500")).writeFitsDeadline(),
        "1 s for the answer + 3 s of write do not fit in 3.5 s");
    assertFalse(
        withStrongTokenAnd(
                Map.of("AIDA_WEBHOOK_DEADLINE_MS", "3500", "AIDA_FREESCOUT_WEBHOOK_SECRET", "s"))
            .writeFitsDeadline());
    assertTrue(
        withStrongTokenAnd(Map.of("AIDA_WEBHOOK_DEADLINE_MS", "3500")).writeFitsDeadline(),
        "no secret, no webhook: its deadline does not matter");
  }

  private static ServerConfig withStrongTokenAnd(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("AIDA_API_TOKENS", "a".repeat(ServerConfig.STRONG_TOKEN_LENGTH));
    return ServerConfig.fromSettings(Settings.load(all, Map.of(), Optional.empty()), false);
  }
}
