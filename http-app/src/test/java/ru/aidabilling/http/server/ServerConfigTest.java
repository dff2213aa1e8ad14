package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
