package ru.aidabilling.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.testing.CapturedLog;

class FailureLogTest {
  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "phone +79004445566 refused|phone +*********66 refused",
        "+7 (900) 444-55-66|+* (***) ***-**-66",
        "customer 31 in 1234 ms|customer 31 in 1234 ms",
        "no digits at all|no digits at all",
        "12345|***45",
        "tel 8.900.444.55.66 refused|tel *.***.***.**.66 refused",
        "+7(900)444.55.66|+*(***)***.**.66",
        "8\u00A0900\u00A0444\u00A055\u00A066|*\u00A0***\u00A0***\u00A0**\u00A066",
        "8\u2009900\u2009444\u200955\u200966|*\u2009***\u2009***\u2009**\u200966",
        "8\u2013900\u2013444\u201355\u201366|*\u2013***\u2013***\u2013**\u201366",
        "8 900 444 55 66 / 8 900 444 55 67|* *** *** ** 66 / * *** *** ** 67",
        "12\u00A0345|**\u00A0*45",
        "at 26.11.2026 from 127.0.0.1:8080 v1.2.3|at 26.11.2026 from 127.0.0.1:8080 v1.2.3",
        "to 192.168.100.200|to 192.168.100.200"
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
  void theAuditUnavailableLineKeepsThePathAndMasksAPhoneOrANameAsTheAttachedExceptionDoes() {
    String path = "/var/lib/aida-billing/aida-audit.jsonl";
    UncheckedIOException e =
        new UncheckedIOException(
            "cannot write the audit log "
                + path
                + ": permission denied (record of Новичков\u00A0Тарас, 8 900 444-55-66)",
            new IOException("permission denied"));

    List<LogRecord> logged;
    try (CapturedLog log = CapturedLog.of(FailureLog.NAME)) {
      FailureLog.auditUnavailable(
          new RequestId("01JDTESTREQUEST0000000000A"), CustomerId.of(31), e);
      logged = log.records();
    }

    assertEquals(1, logged.size());
    String masked =
        "cannot write the audit log "
            + path
            + ": permission denied (record of Н***, * *** ***-**-66)";
    assertEquals(
        "request 01JDTESTREQUEST0000000000A: customer 31 left unchanged, answered CONFIGURATION: "
            + masked,
        logged.get(0).getMessage());
    assertEquals("java.io.UncheckedIOException: " + masked, logged.get(0).getThrown().getMessage());
  }

  @Test
  void anExceptionWithoutAMessageIsNamedByItsClass() {
    Throwable copy = FailureLog.masked(new NullPointerException(), 0);
    assertEquals("java.lang.NullPointerException", copy.getMessage());
    assertSame(null, copy.getCause());
  }
}
