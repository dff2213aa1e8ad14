package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The 504 DEADLINE_EXCEEDED detail is shown to the support agent as it is (the module's red block):
 * seconds written the Russian way, not «Запрос не уложился в 12000 мс».
 */
class DeadlineDetailTest {

  private static final String NBSP = "\u00a0";

  @Test
  void wholeSecondsAreWrittenAsSeconds() {
    assertEquals(
        "Запрос не уложился в 12" + NBSP + "с; повторите позже",
        ApiHandler.deadlineDetail(Duration.ofMillis(12000)));
    assertEquals(
        "Запрос не уложился в 20" + NBSP + "с; повторите позже",
        ApiHandler.deadlineDetail(Duration.ofSeconds(20)));
    assertEquals(
        "Запрос не уложился в 120" + NBSP + "с; повторите позже",
        ApiHandler.deadlineDetail(Duration.ofSeconds(120)));
  }

  @Test
  void fractionsTakeADecimalComma() {
    assertEquals(
        "Запрос не уложился в 2,5" + NBSP + "с; повторите позже",
        ApiHandler.deadlineDetail(Duration.ofMillis(2500)));
    assertEquals(
        "Запрос не уложился в 0,25" + NBSP + "с; повторите позже",
        ApiHandler.deadlineDetail(Duration.ofMillis(250)));
  }
}
