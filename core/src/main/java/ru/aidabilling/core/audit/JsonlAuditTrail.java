package ru.aidabilling.core.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.settings.FileProblem;
import ru.aidabilling.core.settings.PersonalDataFile;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.settings.SettingsException;
import ru.aidabilling.core.wire.Json;
import ru.aidabilling.core.wire.Wire;

/**
 * The audit trail as an append-only JSON Lines file ({@code AIDA_AUDIT_FILE}), one line per applied
 * change in the shape of {@link Wire#auditRecord}.
 *
 * <p>A batch goes to the end of the file in one write, under a file lock (http-app and the CLI may
 * share the file), and is forced to disk before {@link #append} returns. If an earlier writer died
 * mid-line, the next batch starts on a fresh line, so a torn line never swallows a whole one.
 * Reading skips lines that end before their JSON does or hold a NUL (a torn write, or the zeros
 * some file systems leave after a crash), except a whole record after the zeros (a write that
 * landed past the end of a file truncated under it, as logrotate's {@code copytruncate} does, after
 * a hole as long as the file was: the zeros are dropped as they are read, so such a hole costs no
 * memory), and fails on any other malformed line, naming it: the log is evidence and is never
 * silently misread. The selections {@code recordsOf(customer)} and {@code recordsOf(request)} parse
 * only the lines that could be theirs, so they fail on a malformed line only when it could hold the
 * customer's or the request's id. The file and its folders are created by {@link #checkWritable} or
 * the first append. Thread-safe.
 */
public final class JsonlAuditTrail implements AuditTrail {
  private final Path file;

  /**
   * One lock for every trail in the JVM: two trails on the same file would otherwise collide on the
   * file lock, which guards only against other processes.
   */
  private static final Object LOCK = new Object();

  public JsonlAuditTrail(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The trail at {@code AIDA_AUDIT_FILE}. */
  public static JsonlAuditTrail fromSettings(Settings settings) {
    return new JsonlAuditTrail(Path.of(settings.required(Setting.AUDIT_FILE)));
  }

  public Path file() {
    return file;
  }

  @Override
  public void append(List<AuditRecord> records) {
    if (records.isEmpty()) {
      return;
    }
    StringBuilder lines = new StringBuilder(records.size() * 200);
    for (AuditRecord r : records) {
      lines.append(Json.write(Wire.auditRecord(r))).append('\n');
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    synchronized (LOCK) {
      // A file channel used by an interrupted thread closes itself: the batch, which may hold
      // other callers' records (group commit), would fail for one caller's interrupt.
      boolean interrupted = Thread.interrupted();
      try {
        try (FileChannel channel = openForAppending();
            FileLock held = channel.lock()) {
          long start = channel.size();
          long end = start;
          ByteBuffer buffer =
              endsMidLine(channel, end)
                  ? ByteBuffer.allocate(bytes.length + 1).put((byte) '\n').put(bytes).flip()
                  : ByteBuffer.wrap(bytes);
          try {
            while (buffer.hasRemaining()) {
              end += channel.write(buffer, end);
            }
            channel.force(false);
          } catch (IOException e) {
            cutBack(channel, start, e);
            throw e;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the audit log " + file + ": " + e, e);
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt(); // kept for the caller
        }
      }
    }
  }

  /**
   * After a failed write (a full disk, a file size limit), takes the file back to where the batch
   * began: a batch is in the log whole or not at all, so that undo never finds some of a write's
   * fields and not the others. Best effort: a failure to cut is added to {@code cause}.
   */
  private static void cutBack(FileChannel channel, long start, IOException cause) {
    try {
      if (channel.size() > start) {
        channel.truncate(start);
        channel.force(false);
      }
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Checks that the log can be written, creating it and its folders when missing: a writer calls
   * this before its first change to an upstream, so that a log it cannot write stops it before a
   * change it could not record (and so could not undo).
   *
   * @throws UncheckedIOException naming the file and the reason
   */
  public void checkWritable() {
    synchronized (LOCK) { // closing a descriptor of the file would drop another's file lock
      try (FileChannel ignored = openForAppending()) {
        // opened to write: enough
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write the audit log " + file + ": " + FileProblem.reason(e), e);
      }
    }
  }

  /**
   * Before each change: the file (or, when it was moved away, the folder a new one will be made in)
   * can still be written by this process — a {@code stat} and an {@code access}, no open, so no
   * lock is disturbed. {@link #checkWritable} at start-up opens it for real.
   */
  @Override
  public void checkCanRecord() {
    String reason = PersonalDataFile.whyNotWritable(file).orElse(null);
    if (reason != null) {
      throw new UncheckedIOException(
          "cannot write the audit log " + file + ": " + reason, new java.io.IOException(reason));
    }
  }

  /**
   * {@link #checkWritable} for the trail the apps read from {@code AIDA_AUDIT_FILE}: a failure
   * names that setting, as every settings error does.
   *
   * @throws SettingsException naming {@code AIDA_AUDIT_FILE}, with the file and the reason
   */
  public void checkWritableSetting() {
    asSetting(this::checkWritable);
  }

  /**
   * {@link #checkCanRecord} naming {@code AIDA_AUDIT_FILE}: for a short-lived writer (the CLI),
   * which must not make the file before it has a change to record — an operator's command run as
   * root would leave a file the service's user cannot write.
   *
   * @throws SettingsException naming {@code AIDA_AUDIT_FILE}, with the file and the reason
   */
  public void checkCanRecordSetting() {
    asSetting(this::checkCanRecord);
  }

  private static void asSetting(Runnable check) {
    try {
      check.run();
    } catch (UncheckedIOException e) {
      throw new SettingsException(
          Setting.AUDIT_FILE.envName(), Setting.AUDIT_FILE.envName() + ": " + e.getMessage());
    }
  }

  /** The reason in words, without the exception's class: "permission denied", "Is a directory". */

  /**
   * Every record, oldest first, read lazily; empty when the file does not exist yet. The stream
   * throws {@link UncheckedIOException} for a line that is not a torn write but is not a record.
   */
  @Override
  public Stream<AuditRecord> records() {
    return read((bytes, from, to) -> true);
  }

  /**
   * The customer's records, parsing only the lines where its id follows the {@code customerId} key
   * (a JSON integer has no escapes, so every line that holds its record has it), or that hold a
   * backslash-u escape (the one way JSON could spell the key otherwise); the others are skipped
   * without a parse. A log of gigabytes was otherwise parsed line by line, each with its time and
   * fields, for the handful of lines an undo wants. A malformed line is still reported when it
   * could be one of the customer's.
   */
  @Override
  public Stream<AuditRecord> recordsOf(CustomerId customer) {
    byte[] digits = Long.toString(customer.value()).getBytes(StandardCharsets.US_ASCII);
    return read((bytes, from, to) -> mayHold(bytes, from, to, digits))
        .filter(r -> r.customerId().equals(customer));
  }

  private static final byte[] CUSTOMER_KEY = "\"customerId\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ESCAPE = {'\\', 'u'};

  private static boolean mayHold(byte[] bytes, int from, int to, byte[] digits) {
    return AuditLines.holdsKeyNumber(bytes, from, to, CUSTOMER_KEY, digits)
        || AuditLines.contains(bytes, from, to, ESCAPE);
  }

  /**
   * The request's records, parsing only the lines that hold its id as written, or a backslash-u
   * escape (the one way JSON could spell its letters otherwise).
   */
  @Override
  public Stream<AuditRecord> recordsOf(RequestId request) {
    byte[] id = request.value().getBytes(StandardCharsets.US_ASCII); // [0-9A-Za-z_-] only
    return read((bytes, from, to) ->
            AuditLines.contains(bytes, from, to, id)
                || AuditLines.contains(bytes, from, to, ESCAPE))
        .filter(r -> r.requestId().equals(request));
  }

  /** Whether the line may hold a record of the customer (for tests). */
  static boolean mayHoldCustomer(String line, long customer) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return mayHold(
        bytes, 0, bytes.length, Long.toString(customer).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Every record of a line {@code mayHold} accepts (tested on its bytes, before it is decoded),
   * oldest first, read lazily.
   */
  private Stream<AuditRecord> read(AuditLines.ByteTest mayHold) {
    AuditLines lines;
    try {
      lines = new AuditLines(Files.newInputStream(file));
    } catch (NoSuchFileException e) {
      return Stream.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit log " + file + ": " + e, e);
    }
    Iterator<AuditRecord> it = new RecordIterator(lines, mayHold);
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(
            () -> {
              try {
                lines.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * The file opened to read and write, created with its folders when missing. One channel does
   * both: on Linux, closing any other descriptor of the file would drop the file lock held through
   * this one. Batches are written at the end found under the lock, which every writer of the file
   * takes, so this appends. The folders are made only when the open finds them missing: making them
   * before every batch cost a failed {@code mkdir} and two exceptions each time.
   */
  private FileChannel openForAppending() throws IOException {
    return PersonalDataFile.open(file);
  }

  /** Whether the file's last byte is not a newline (a writer died mid-line). */
  private static boolean endsMidLine(FileChannel channel, long size) throws IOException {
    if (size == 0) {
      return false;
    }
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0) != '\n';
  }

  /** Reads lines into records, skipping blank and torn lines. */
  private final class RecordIterator implements Iterator<AuditRecord> {
    private final AuditLines lines;
    private final AuditLines.ByteTest mayHold;
    private AuditRecord next;

    RecordIterator(AuditLines lines, AuditLines.ByteTest mayHold) {
      this.lines = lines;
      this.mayHold = mayHold;
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        String line;
        try {
          line = lines.next(mayHold);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the audit log " + file + ": " + e, e);
        }
        if (line == null) {
          return false;
        }
        if (lines.tooLong()) {
          throw corrupt(lines.number(), "longer than " + AuditLines.MAX_LINE + " bytes");
        }
        if (!line.isBlank()) {
          next = lines.torn() ? afterZeros(line) : toRecord(line, lines.number());
        }
      }
      return true;
    }

    @Override
    public AuditRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      AuditRecord r = next;
      next = null;
      return r;
    }

    /**
     * The record after the zeros of a torn line, null when there is none whole. Zeros a crash left
     * where a write was under way end the line (nothing whole follows them); a write that landed
     * past the end of a file truncated under it (copytruncate) follows its hole whole.
     */
    private AuditRecord afterZeros(String rest) {
      try {
        return fromWire(Json.parse(rest));
      } catch (RuntimeException e) {
        return null;
      }
    }

    /** The record of a line, null for a torn line. */
    private AuditRecord toRecord(String line, long number) {
      Object parsed;
      try {
        parsed = Json.parse(line);
      } catch (Json.ParseException e) {
        if (e.position() >= line.length() || line.indexOf('\uFFFD') >= 0) {
          return null; // the write stopped part-way through this line
        }
        throw corrupt(number, e.getMessage());
      }
      try {
        return fromWire(parsed);
      } catch (RuntimeException e) {
        throw corrupt(number, e.getMessage());
      }
    }

    private UncheckedIOException corrupt(long number, String why) {
      return new UncheckedIOException(
          new IOException("audit log " + file + " line " + number + " is not a record: " + why));
    }
  }

  /** The inverse of {@link Wire#auditRecord}. */
  static AuditRecord fromWire(Object parsed) {
    if (!(parsed instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    Object customerId = m.get("customerId");
    if (!(customerId instanceof Long id)) {
      throw new IllegalArgumentException("customerId is not an integer");
    }
    String field = text(m, "field");
    return new AuditRecord(
        Instant.parse(required(m, "time")),
        new Actor(required(m, "actor")),
        new RequestId(required(m, "requestId")),
        CustomerId.of(id),
        ProfileField.fromApiName(field)
            .orElseThrow(() -> new IllegalArgumentException("unknown field " + field)),
        text(m, "old"),
        text(m, "new"),
        text(m, "contract"));
  }

  private static String required(Map<?, ?> m, String key) {
    String v = text(m, key);
    if (v == null) {
      throw new IllegalArgumentException(key + " is missing");
    }
    return v;
  }

  private static String text(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (v != null && !(v instanceof String)) {
      throw new IllegalArgumentException(key + " is not a string");
    }
    return (String) v;
  }
}
