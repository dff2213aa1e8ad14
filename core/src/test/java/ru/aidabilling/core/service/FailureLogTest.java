package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureLogTest {
  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "phone +79004445566 refused|phone +*********66 refused",
        "+7 (900) 444-55-66|+* (***) ***-**-66",
        "customer 31 in 1234 ms|customer 31 in 1234 ms",
        "no digits at all|no digits at all",
        "12345|***45"
      })
  void phoneLikeRunsOfFiveDigitsOrMoreKeepOnlyTheirLastTwo(String text, String masked) {
    assertEquals(masked, FailureLog.maskDigits(text));
  }

  @Test
  void theMaskedCopyKeepsClassesAndStacksOfTheWholeChain() {
    IOException cause = new IOException("write to /var/log/aida 89004445566 failed");
    UncheckedIOException e = new UncheckedIOException("cannot write the audit log", cause);

    Throwable copy = FailureLog.masked(e, 0);

    assertEquals("java.io.UncheckedIOException: cannot write the audit log", copy.getMessage());
    assertEquals(
        "java.io.IOException: write to /var/log/aida *********66 failed",
        copy.getCause().getMessage());
    assertEquals(e.getStackTrace()[0], copy.getStackTrace()[0]);
    assertEquals(cause.getStackTrace()[0], copy.getCause().getStackTrace()[0]);
    assertNull(copy.getCause().getCause());
  }

  @Test
  void anExceptionWithoutAMessageIsNamedByItsClass() {
    Throwable copy = FailureLog.masked(new NullPointerException(), 0);
    assertEquals("java.lang.NullPointerException", copy.getMessage());
    assertSame(null, copy.getCause());
  }
}
