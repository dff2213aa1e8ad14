package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogSafetyTest {
  @Test
  void phonesInAnyFormAreMasked() {
    assertEquals("call +7900*****66 now", LogSafety.maskPhones("call +79004445566 now"));
    assertEquals("tel +7900*****66;", LogSafety.maskPhones("tel 8 (900) 444-55-66;"));
    assertEquals("x 1234*******90 y", LogSafety.maskPhones("x 1234567890190 y"));
    assertEquals("id 31, 2026-11-26", LogSafety.maskPhones("id 31, 2026-11-26"));
  }

  @Test
  void namesKeepOnlyTheirFirstLetter() {
    assertEquals("Н***", LogSafety.maskName("Новичков Тарас Викторович"));
    assertEquals("", LogSafety.maskName("  "));
  }
}
