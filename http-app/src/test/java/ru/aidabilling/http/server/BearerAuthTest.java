package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BearerAuthTest {
  final BearerAuth auth = new BearerAuth(List.of("alpha-token", "beta-token"));

  @Test
  void acceptsEachConfiguredTokenAndNamesItByDigest() {
    String a = auth.authenticate("Bearer alpha-token").orElseThrow().hex();
    String b = auth.authenticate("bearer   beta-token ").orElseThrow().hex();

    assertEquals(64, a.length());
    assertTrue(!a.equals(b));
    // sha256("alpha-token")
    assertEquals(
        "api-token:" + a.substring(0, 4),
        auth.authenticate("Bearer alpha-token").orElseThrow().actor());
  }

  @Test
  void saysWhetherTheTokenThatPassedCanBeGuessed() {
    BearerAuth weakAndStrong =
        new BearerAuth(List.of("short", "x".repeat(32)), t -> t.length() < 32);

    assertTrue(weakAndStrong.authenticate("Bearer short").orElseThrow().guessable());
    assertTrue(!weakAndStrong.authenticate("Bearer " + "x".repeat(32)).orElseThrow().guessable());
  }

  @Test
  void refusesEverythingElse() {
    for (String h :
        new String[] {
          null,
          "",
          "Bearer",
          "Bearer ",
          "Basic alpha-token",
          "alpha-token",
          "Bearer alpha",
          "Bearer alpha-token-x",
          "Bearer ALPHA-TOKEN",
          "Bearer alpha-token beta-token"
        }) {
      assertTrue(auth.authenticate(h).isEmpty(), String.valueOf(h));
    }
  }
}
