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
  void aWriteFitsTheDefaultDeadlineButNotOneItsTimeOutsOutlast() {
    ServerConfig defaults = withTokens("a".repeat(ServerConfig.STRONG_TOKEN_LENGTH), false);
    assertEquals(java.time.Duration.ofSeconds(8), defaults.writeBudget(), "2 s + 5 s + 1 s");
    assertTrue(defaults.writeFitsDeadline());
    ServerConfig slow =
        ServerConfig.fromSettings(
            Settings.load(
                Map.of(
                    "AIDA_API_TOKENS",
                    "a".repeat(ServerConfig.STRONG_TOKEN_LENGTH),
                    "AIDA_FREESCOUT_TIMEOUT_MS",
                    "11000"),
                Map.of(),
                Optional.empty()),
            false);
    assertFalse(slow.writeFitsDeadline(), "13 s of write in a 12 s deadline");
    ServerConfig shortWebhook =
        ServerConfig.fromSettings(
            Settings.load(
                Map.of(
                    "AIDA_API_TOKENS",
                    "a".repeat(ServerConfig.STRONG_TOKEN_LENGTH),
                    "AIDA_WEBHOOK_DEADLINE_MS",
                    "5000"),
                Map.of(),
                Optional.empty()),
            false);
    assertFalse(shortWebhook.writeFitsDeadline(), "8 s of write in a 5 s webhook deadline");
  }
}
