package ru.aidabilling.core.service;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.logging.LogSafety;
import ru.aidabilling.core.logging.PhoneLikeRuns;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.UndoCommand;

/**
 * Where the sync and undo use cases tell an administrator what their {@code INTERNAL} answers hide:
 * on {@code java.util.logging}, logger {@value #NAME}, level SEVERE, with the request id of the
 * sync or undo. The exception is logged as a copy that keeps every class name and stack frame but
 * masks phone-like runs of digits and name-like words in the messages (an unexpected exception's
 * text is not ours to trust).
 */
final class FailureLog {
  static final String NAME = "ru.aidabilling.core.sync";
  private static final Logger LOG = Logger.getLogger(NAME);

  /**
   * A digit, then digits, spaces, dashes or brackets (Unicode spaces and dashes too), then a digit:
   * a phone or a part of one may hide in it.
   */
  private static final Pattern DIGIT_RUN =
      Pattern.compile("\\+?[\\d０-９][\\d０-９\\s\\p{Zs}\\p{Pd}\\u2212()]{3,}[\\d０-９]");

  private FailureLog() {}

  static void unexpected(SyncCommand cmd, RuntimeException e) {
    LOG.log(
        Level.SEVERE,
        "request "
            + cmd.requestId()
            + ": sync of customer "
            + cmd.customerId()
            + " failed unexpectedly; answered INTERNAL",
        masked(e, 0));
  }

  /** An undo of this customer met an unexpected exception: its items answered INTERNAL. */
  static void undoUnexpected(UndoCommand cmd, CustomerId customer, RuntimeException e) {
    LOG.log(
        Level.SEVERE,
        "request "
            + cmd.requestId()
            + ": undo of customer "
            + customer
            + " failed unexpectedly; its fields answered FAILED (INTERNAL)",
        masked(e, 0));
  }

  static void auditNotWritten(SyncCommand cmd, List<AuditRecord> records, RuntimeException e) {
    auditNotWritten(cmd.requestId(), cmd.customerId(), "updated", records, e);
  }

  /** FreeScout took an undo's restore of this customer but its records could not be appended. */
  static void undoNotAudited(
      UndoCommand cmd, CustomerId customer, List<AuditRecord> records, RuntimeException e) {
    auditNotWritten(cmd.requestId(), customer, "restored by an undo", records, e);
  }

  private static void auditNotWritten(
      RequestId request,
      CustomerId customer,
      String how,
      List<AuditRecord> records,
      RuntimeException e) {
    String fields =
        records.stream().map(r -> r.field().apiName()).distinct().collect(Collectors.joining(", "));
    LOG.log(
        Level.SEVERE,
        "request "
            + request
            + ": customer "
            + customer
            + " was "
            + how
            + " in FreeScout ("
            + fields
            + ") but the audit log could not be written; these changes are not in it",
        masked(e, 0));
  }

  static void writeUncertain(
      SyncCommand cmd, List<FieldChange> changes, UpstreamException put, RuntimeException read) {
    writeUncertain(
        cmd.requestId(),
        cmd.customerId(),
        changes.stream().map(c -> c.field().apiName()).toList(),
        "the PUT",
        put,
        read);
  }

  /**
   * A write ({@code what}: a sync's PUT, an undo's) whose answer failed, and the customer could not
   * be read again to see whether it landed.
   */
  static void writeUncertain(
      RequestId request,
      CustomerId customer,
      List<String> fields,
      String what,
      UpstreamException put,
      RuntimeException read) {
    LOG.log(
        Level.SEVERE,
        "request "
            + request
            + ": "
            + what
            + " of customer "
            + customer
            + " ("
            + String.join(", ", fields)
            + ") failed ("
            + maskedText(String.valueOf(put.getMessage()))
            + ") and the customer could not be read again: FreeScout may hold these changes"
            + " without an audit record",
        masked(read, 0));
  }

  /**
   * A change refused before FreeScout was written: the audit log could not have recorded it. The
   * trail's message (the file and why: a path and an OS error, which stay readable) is masked as
   * the attached exception is ({@link #maskedText}): an embedder's trail may say more than that.
   */
  static void auditUnavailable(RequestId request, CustomerId customer, RuntimeException e) {
    LOG.log(
        Level.SEVERE,
        "request "
            + request
            + ": customer "
            + customer
            + " left unchanged, answered CONFIGURATION: "
            + maskedText(String.valueOf(e.getMessage())),
        masked(e, 0));
  }

  /** A copy of {@code t} and its causes with phone-like digits masked in every message. */
  static Throwable masked(Throwable t, int depth) {
    String message = t.getMessage() == null ? "" : ": " + maskedText(t.getMessage());
    RuntimeException copy = new RuntimeException(t.getClass().getName() + message);
    copy.setStackTrace(t.getStackTrace());
    if (t.getCause() != null && t.getCause() != t && depth < 8) {
      copy.initCause(masked(t.getCause(), depth + 1));
    }
    return copy;
  }

  /**
   * An exception's text as this log writes it, in a line or in the exception it attaches: digits
   * ({@link #maskDigits}) and what may be a name ({@link LogSafety#maskNames}) masked.
   */
  static String maskedText(String text) {
    return LogSafety.maskNames(maskDigits(text));
  }

  /**
   * Every run of five digits or more (separators allowed) keeps only its last two digits; so does
   * every phone-like run of ten digits or more with dots too ({@code 8.900.444.55.66}, {@link
   * PhoneLikeRuns}), while a date, a version or an IP address with dots stays.
   */
  static String maskDigits(String text) {
    Matcher m = DIGIT_RUN.matcher(PhoneLikeRuns.replace(text, FailureLog::keepLastTwo));
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String run = m.group();
      long digits = run.chars().filter(Character::isDigit).count();
      m.appendReplacement(out, Matcher.quoteReplacement(digits < 5 ? run : keepLastTwo(run)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String keepLastTwo(String run) {
    StringBuilder s = new StringBuilder(run);
    int seen = 0;
    for (int i = s.length() - 1; i >= 0; i--) {
      if (Character.isDigit(s.charAt(i)) && ++seen > 2) {
        s.setCharAt(i, '*');
      }
    }
    return s.toString();
  }
}
