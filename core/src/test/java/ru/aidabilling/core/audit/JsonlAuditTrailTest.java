package ru.aidabilling.core.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.AuditTrailContract;
import ru.aidabilling.core.wire.Json;
import ru.aidabilling.core.wire.Wire;

class JsonlAuditTrailTest extends AuditTrailContract {
  static final Instant T = Instant.parse("2026-01-15T09:30:00.123Z");

  @TempDir Path dir;

  @Override
  protected AuditTrail emptyTrail() {
    return new JsonlAuditTrail(dir.resolve("contract/audit.jsonl"));
  }

  static AuditRecord auditRecord(long customer, ProfileField field, String old, String nu) {
    return new AuditRecord(
        T,
        new Actor("freescout-user:5 agent@example.com"),
        new RequestId("01JDREQ" + customer),
        CustomerId.of(customer),
        field,
        old,
        nu,
        "0138");
  }

  static List<AuditRecord> read(JsonlAuditTrail trail) {
    try (Stream<AuditRecord> s = trail.records()) {
      return s.toList();
    }
  }

  static List<AuditRecord> of(JsonlAuditTrail trail, CustomerId customer) {
    try (Stream<AuditRecord> s = trail.recordsOf(customer)) {
      return s.toList();
    }
  }

  static List<AuditRecord> of(JsonlAuditTrail trail, RequestId request) {
    try (Stream<AuditRecord> s = trail.recordsOf(request)) {
      return s.toList();
    }
  }

  @Test
  void aCustomersRecordsAreFoundWithoutParsingLinesThatCannotHoldThem() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(
        List.of(
            auditRecord(31, ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            auditRecord(131, ProfileField.FIRST_NAME, "A", "B"),
            auditRecord(310, ProfileField.FIRST_NAME, "A", "B"),
            auditRecord(3, ProfileField.ZIP, "31", "Соляной")));
    // a line no writer made, of another customer: reading everything stops at it, as evidence
    Files.writeString(file, "{\"customerId\":77,\"field\" \"zip\"}\n", StandardOpenOption.APPEND);
    trail.append(List.of(auditRecord(31, ProfileField.ZIP, null, "Соляной")));

    assertThrows(UncheckedIOException.class, () -> read(trail));
    assertEquals(
        List.of(
            auditRecord(31, ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            auditRecord(31, ProfileField.ZIP, null, "Соляной")),
        of(trail, CustomerId.of(31)));
    assertEquals(
        List.of(auditRecord(131, ProfileField.FIRST_NAME, "A", "B")),
        of(trail, new RequestId("01JDREQ131")));
    // a malformed line that could be the customer's is still reported
    Files.writeString(file, "{\"customerId\":31,\"field\" \"zip\"}\n", StandardOpenOption.APPEND);
    assertThrows(UncheckedIOException.class, () -> of(trail, CustomerId.of(31)));
  }

  @Test
  void aRequestIdSpelledWithEscapesIsStillFound() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    String escaped =
        Json.write(Wire.auditRecord(auditRecord(31, ProfileField.ZIP, null, "Соляной")))
            .replace("01JDREQ31", "01JDREQ" + "\\" + "u00331");
    Files.writeString(file, escaped + "\n", StandardCharsets.UTF_8);

    assertEquals(
        List.of(auditRecord(31, ProfileField.ZIP, null, "Соляной")),
        of(trail, new RequestId("01JDREQ31")));
  }

  @Test
  void aLineMayHoldACustomerWhenItsIdFollowsTheKeyAsAWholeNumber() {
    assertTrue(JsonlAuditTrail.mayHoldCustomer("{\"customerId\":31,", 31));
    assertTrue(JsonlAuditTrail.mayHoldCustomer("{\"customerId\" : 31}", 31));
    assertTrue(JsonlAuditTrail.mayHoldCustomer("{\"customerId\":0031}", 31));
    assertTrue(JsonlAuditTrail.mayHoldCustomer("{\"a\":\"\"customerId\":5,\"customerId\":31}", 31));
    assertTrue(JsonlAuditTrail.mayHoldCustomer("{\"customer\\" + "u0049d\":31}", 31));
    assertFalse(JsonlAuditTrail.mayHoldCustomer("{\"customerId\":131,", 31));
    assertFalse(JsonlAuditTrail.mayHoldCustomer("{\"customerId\":310,", 31));
    assertFalse(JsonlAuditTrail.mayHoldCustomer("{\"customerId\":1031,", 31));
    assertFalse(
        JsonlAuditTrail.mayHoldCustomer(
            "{\"time\":\"2026-12-31T10:31:31Z\",\"customerId\":5,\"old\":\"31\"}", 31));
  }

  @Test
  void appendsOneLinePerRecordInTheWireShapeAndReadsThemBack() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    List<AuditRecord> batch =
        List.of(
            auditRecord(31, ProfileField.FIRST_NAME, "Ivan", "Тарас"),
            auditRecord(31, ProfileField.LAST_NAME, "Ivanov", null));

    trail.append(batch);

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(
        List.of(
            "{\"time\":\"2026-01-15T09:30:00.123000000Z\",\"actor\":\"freescout-user:5 agent@example.com\","
                + "\"requestId\":\"01JDREQ31\",\"customerId\":31,\"field\":\"firstName\","
                + "\"old\":\"Ivan\",\"new\":\"Тарас\",\"contract\":\"0138\"}",
            Json.write(Wire.auditRecord(batch.get(1)))),
        lines);
    assertEquals(batch, read(trail));
  }

  @Test
  void createsTheFileAndItsFoldersOnTheFirstAppend() {
    Path file = dir.resolve("a/b/c/audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);

    assertEquals(List.of(), read(trail), "a missing file has no records");
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "Соляной")));

    assertTrue(Files.isRegularFile(file));
    assertEquals(1, read(trail).size());
  }

  @Test
  void foldersRemovedBetweenBatchesAreMadeAgain() throws IOException {
    Path file = dir.resolve("logs/audit/audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "A")));
    Files.delete(file);
    Files.delete(file.getParent());
    Files.delete(file.getParent().getParent());

    trail.append(List.of(auditRecord(2, ProfileField.ZIP, "A", "B")));

    assertEquals(List.of(2L), read(trail).stream().map(r -> r.customerId().value()).toList());
  }

  @Test
  void appendsKeepWhatIsThereAcrossInstances() {
    Path file = dir.resolve("audit.jsonl");
    new JsonlAuditTrail(file).append(List.of(auditRecord(1, ProfileField.ZIP, null, "A")));
    new JsonlAuditTrail(file).append(List.of(auditRecord(2, ProfileField.ZIP, "A", "B")));

    List<AuditRecord> all = read(new JsonlAuditTrail(file));

    assertEquals(List.of(1L, 2L), all.stream().map(r -> r.customerId().value()).toList());
  }

  @Test
  void anEmptyBatchWritesNothing() {
    Path file = dir.resolve("audit.jsonl");

    new JsonlAuditTrail(file).append(List.of());

    assertTrue(Files.notExists(file));
  }

  @Test
  void awkwardTextSurvives() {
    JsonlAuditTrail trail = new JsonlAuditTrail(dir.resolve("audit.jsonl"));
    AuditRecord r =
        auditRecord(
            7, ProfileField.ADDRESS, "line\nbreak \"quoted\" \\ \u2028", "😀 ООО «Ромашка»\t");

    trail.append(List.of(r));

    assertEquals(List.of(r), read(trail));
  }

  @Test
  void aTornLastLineIsSkipped() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "A")));
    String whole = Json.write(Wire.auditRecord(auditRecord(2, ProfileField.ZIP, "A", "Соляной")));
    byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
    // cut in the middle of a two-byte Cyrillic character
    int cut =
        whole.substring(0, whole.indexOf("Соляной") + 1).getBytes(StandardCharsets.UTF_8).length
            - 1;
    Files.write(file, java.util.Arrays.copyOf(bytes, cut), StandardOpenOption.APPEND);

    assertEquals(List.of(auditRecord(1, ProfileField.ZIP, null, "A")), read(trail));
  }

  @Test
  void afterATornLineTheNextBatchStartsOnAFreshLine() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "A")));
    Files.writeString(file, "{\"time\":\"2026-01", StandardOpenOption.APPEND);

    trail.append(List.of(auditRecord(3, ProfileField.ZIP, "A", "B")));

    assertEquals(List.of(1L, 3L), read(trail).stream().map(r -> r.customerId().value()).toList());
    assertEquals(3, Files.readAllLines(file).size());
  }

  @Test
  void aCorruptLineFailsTheReadNamingTheLine() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "A")));
    Files.writeString(file, "{\"time\": oops}\n", StandardOpenOption.APPEND);
    trail.append(List.of(auditRecord(2, ProfileField.ZIP, null, "A")));

    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> read(trail));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void aLineThatIsJsonButNotARecordFailsTheRead() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(
        file,
        "{\"time\":\"2026-01-15T09:30:00Z\",\"actor\":\"a\",\"requestId\":\"r\","
            + "\"customerId\":1,\"field\":\"email\",\"old\":null,\"new\":\"x\",\"contract\":null}\n");

    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> read(new JsonlAuditTrail(file)));
    assertTrue(e.getMessage().contains("unknown field email"), e.getMessage());
  }

  @Test
  void timesAreWrittenAtOneWidthSoThatTheLinesSortAsText() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    Instant second = Instant.parse("2026-01-15T09:30:25Z");
    List<Instant> times =
        List.of(
            second,
            second.plusMillis(100),
            second.plusNanos(183_002_882),
            second.plusNanos(183_003_000),
            second.plusMillis(900),
            second.plusSeconds(1));
    for (Instant t : times) {
      AuditRecord r = auditRecord(1, ProfileField.ZIP, null, "A");
      trail.append(
          List.of(
              new AuditRecord(
                  t, r.actor(), r.requestId(), r.customerId(), r.field(), null, "A", null)));
    }

    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      assertTrue(
          line.matches("\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z\",.*"),
          line);
    }
    assertTrue(
        lines.get(0).startsWith("{\"time\":\"2026-01-15T09:30:25.000000000Z\""), lines.get(0));
    List<String> shuffled = new java.util.ArrayList<>(lines);
    java.util.Collections.reverse(shuffled);
    java.util.Collections.sort(shuffled);
    assertEquals(lines, shuffled, "text order is time order");
    assertEquals(times, read(trail).stream().map(AuditRecord::time).toList(), "read back exactly");
  }

  @Test
  void linesWrittenBeforeWithAnyFractionAreStillRead() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    String[] times = {
      "2026-01-15T09:30:25Z",
      "2026-01-15T09:30:25.1Z",
      "2026-01-15T09:30:25.100Z",
      "2026-01-15T09:30:25.183002Z",
      "2026-01-15T09:30:25.183002882Z"
    };
    StringBuilder old = new StringBuilder();
    for (String t : times) {
      old.append("{\"time\":\"")
          .append(t)
          .append("\",\"actor\":\"webhook\",\"requestId\":\"01JDREQ1\",\"customerId\":1,")
          .append("\"field\":\"zip\",\"old\":null,\"new\":\"A\",\"contract\":null}\n");
    }
    Files.writeString(file, old.toString());
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "A"))); // a new line after them

    List<Instant> expected =
        new java.util.ArrayList<>(java.util.Arrays.stream(times).map(Instant::parse).toList());
    expected.add(T);
    assertEquals(expected, read(trail).stream().map(AuditRecord::time).toList());
    assertEquals(expected, of(trail, CustomerId.of(1)).stream().map(AuditRecord::time).toList());
    assertEquals(
        expected, of(trail, new RequestId("01JDREQ1")).stream().map(AuditRecord::time).toList());
  }

  @Test
  void blankLinesAreIgnored() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "A")));
    Files.writeString(file, "\n  \n", StandardOpenOption.APPEND);

    assertEquals(1, read(trail).size());
  }

  @Test
  void concurrentBatchesNeverInterleave() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail one = new JsonlAuditTrail(file);
    JsonlAuditTrail two = new JsonlAuditTrail(file);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 1; t <= 40; t++) {
      long customer = t;
      JsonlAuditTrail trail = t % 2 == 0 ? one : two;
      done.add(
          pool.submit(
              () ->
                  trail.append(
                      IntStream.range(0, 5)
                          .mapToObj(
                              i -> auditRecord(customer, ProfileField.values()[i], null, "v" + i))
                          .toList())));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();

    List<AuditRecord> all = read(one);
    assertEquals(200, all.size());
    for (int i = 0; i < all.size(); i += 5) {
      long customer = all.get(i).customerId().value();
      for (int j = 0; j < 5; j++) {
        assertEquals(customer, all.get(i + j).customerId().value(), "batch split at " + (i + j));
        assertEquals(ProfileField.values()[j], all.get(i + j).field());
      }
    }
    Map<Long, Long> perCustomer =
        all.stream()
            .collect(Collectors.groupingBy(r -> r.customerId().value(), Collectors.counting()));
    assertEquals(40, perCustomer.size());
  }

  @Test
  void anUnwritableLocationIsAnUncheckedIoFailure() throws IOException {
    Path blocker = dir.resolve("file-not-folder");
    Files.writeString(blocker, "x");
    JsonlAuditTrail trail = new JsonlAuditTrail(blocker.resolve("audit.jsonl"));

    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "A"))));
    assertTrue(e.getMessage().contains("cannot write the audit log"), e.getMessage());
  }

  @Test
  void checkCanRecordPassesForAWritableFileOrAFolderToMakeItInAndCreatesNothing()
      throws IOException {
    Path later = dir.resolve("moved/away/audit.jsonl");
    new JsonlAuditTrail(later).checkCanRecord();
    assertTrue(Files.notExists(dir.resolve("moved")), "a check makes nothing");

    Path file = Files.writeString(dir.resolve("audit.jsonl"), "");
    new JsonlAuditTrail(file).checkCanRecord();
  }

  @Test
  void checkCanRecordRefusesWhatCouldNotTakeARecord() throws IOException {
    Path folderInItsPlace = Files.createDirectory(dir.resolve("a-folder.jsonl"));
    Path underAFile = Files.writeString(dir.resolve("plain"), "x").resolve("audit.jsonl");
    Path link =
        Files.createSymbolicLink(
            dir.resolve("link.jsonl"), Files.writeString(dir.resolve("t.jsonl"), ""));

    for (Path p : List.of(folderInItsPlace, underAFile, link)) {
      UncheckedIOException e =
          assertThrows(UncheckedIOException.class, () -> new JsonlAuditTrail(p).checkCanRecord());
      assertTrue(
          e.getMessage().startsWith("cannot write the audit log " + p + ": "), e.getMessage());
    }
  }

  @Test
  void checkCanRecordRefusesAFileThisProcessMayNotWrite() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        "root".equals(System.getProperty("user.name")), "root may write any file");
    Path file = Files.writeString(dir.resolve("audit.jsonl"), "");
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));

    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> new JsonlAuditTrail(file).checkCanRecord());
    assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
  }

  @Test
  void checkWritableCreatesTheLogAndItsFoldersAndNamesWhyItCannot() throws IOException {
    Path nested = dir.resolve("a/b/audit.jsonl");
    new JsonlAuditTrail(nested).checkWritable();
    assertTrue(Files.isRegularFile(nested));
    assertEquals(0, Files.size(nested), "checking writes nothing");

    Path underAFile = Files.writeString(dir.resolve("plain"), "x").resolve("audit.jsonl");
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class, () -> new JsonlAuditTrail(underAFile).checkWritable());
    assertEquals(
        "cannot write the audit log "
            + underAFile
            + ": "
            + underAFile.getParent()
            + " exists and is not a folder",
        e.getMessage());
    UncheckedIOException folder =
        assertThrows(UncheckedIOException.class, () -> new JsonlAuditTrail(dir).checkWritable());
    assertTrue(folder.getMessage().endsWith(": Is a directory"), folder.getMessage());
  }

  @Test
  void zerosACrashLeftAtTheEndAreATornWriteNotACorruptLog() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "Соляной")));
    // XFS and others can leave the blocks of an unfinished write as zeros after a crash
    Files.write(file, new byte[64], java.nio.file.StandardOpenOption.APPEND);

    assertEquals(1, read(trail).size(), "the zeros are skipped like a torn line");
    trail.append(List.of(auditRecord(2, ProfileField.ZIP, null, "Волжский")));
    assertEquals(2, read(trail).size(), "the next batch starts on a fresh line after them");
  }

  /**
   * logrotate's copytruncate empties the file between a writer's look at its size and its write:
   * the record lands at the old size, after a hole of zeros as long as the file was. The record is
   * whole and must be found; the hole (sparse on disk) must cost no memory: read as one line, a
   * hole past 1 GiB cannot even be held in a Java string.
   */
  @Test
  void aRecordWrittenPastTheEndOfATruncatedFileIsFoundAfterItsHole() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "Соляной")));
    AuditRecord late = auditRecord(31, ProfileField.FIRST_NAME, "Ivan", "Тарас");
    byte[] line = (Json.write(Wire.auditRecord(late)) + "\n").getBytes(StandardCharsets.UTF_8);
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap(line), 64L << 20);
    }
    trail.append(List.of(auditRecord(2, ProfileField.ZIP, null, "Волжский")));

    assertEquals(List.of(late, auditRecord(2, ProfileField.ZIP, null, "Волжский")), read(trail));
    assertEquals(List.of(late), of(trail, CustomerId.of(31)));
    assertEquals(List.of(late), of(trail, new RequestId("01JDREQ31")));
  }

  @Test
  void aHoleOfZerosIsDroppedAsItIsReadNotKept() throws IOException {
    long hole = 256L << 20;
    byte[] tail = "{}\n".getBytes(StandardCharsets.UTF_8);
    java.io.InputStream zerosThenTail =
        new java.io.InputStream() {
          long at;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (at >= hole + tail.length) {
              return -1;
            }
            int n = 0;
            while (n < len && at < hole + tail.length) {
              b[off + n++] = at < hole ? 0 : tail[(int) (at - hole)];
              at++;
            }
            return n;
          }
        };
    try (AuditLines lines = new AuditLines(zerosThenTail)) {
      assertEquals("{}", lines.next((bytes, from, to) -> true));
      assertTrue(lines.torn());
      assertTrue(lines.capacity() <= 1 << 16, "kept " + lines.capacity() + " bytes");
      assertEquals(null, lines.next((bytes, from, to) -> true));
    }
  }

  @Test
  void zerosBeforeAPartOfARecordAreStillATornLine() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    String whole = Json.write(Wire.auditRecord(auditRecord(31, ProfileField.ZIP, null, "Соляной")));
    Files.write(
        file,
        ("\u0000\u0000" + whole.substring(20) + "\n" + whole + "\r\n")
            .getBytes(StandardCharsets.UTF_8));

    assertEquals(
        List.of(auditRecord(31, ProfileField.ZIP, null, "Соляной")),
        read(new JsonlAuditTrail(file)));
  }

  @Test
  void aLineLongerThanAnyRecordIsReportedNotHeld() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "{\"x\":\"" + "a".repeat(AuditLines.MAX_LINE + 10) + "\"}\n");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);

    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> read(trail));
    assertTrue(e.getMessage().contains("line 1 is not a record"), e.getMessage());
  }

  @Test
  void anInterruptedCallerStillAppendsAndKeepsItsInterrupt() {
    JsonlAuditTrail trail = new JsonlAuditTrail(dir.resolve("audit.jsonl"));
    Thread.currentThread().interrupt();
    try {
      trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "Соляной")));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is the caller's to handle");
    } finally {
      Thread.interrupted();
    }
    assertEquals(1, read(trail).size());
  }

  /**
   * A batch that fails part-way (here a file size limit the batch crosses: the write is cut short,
   * then refused, as when the disk fills up) leaves none of its lines behind: undo must never find
   * some of one write's fields and not the others.
   */
  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void aBatchCutShortLeavesTheLogAsItWas() throws Exception {
    Path file = dir.resolve("limited.jsonl");
    JsonlAuditTrail trail = new JsonlAuditTrail(file);
    trail.append(List.of(auditRecord(7, ProfileField.ZIP, null, "Соляной")));
    byte[] before = java.nio.file.Files.readAllBytes(file);
    String out =
        ru.aidabilling.core.testing.SizeLimitedJvm.run(
            2, AuditWriteLimitMain.class, file.toString());
    assertTrue(before.length < 2048 && before.length + 20 * 150 > 2048, "the batch crosses 2 KiB");

    assertEquals("failed", out);
    assertArrayEquals(before, java.nio.file.Files.readAllBytes(file), "nothing of the batch");
    assertEquals(1, read(trail).size());
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void aDeviceIsNoAuditLog() {
    UncheckedIOException check =
        assertThrows(
            UncheckedIOException.class, new JsonlAuditTrail(Path.of("/dev/full"))::checkWritable);
    assertTrue(check.getMessage().endsWith(": not a regular file"), check.getMessage());
  }

  @Test
  @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
  void theAuditLogRefusesALinkBeforeAnyChangeAndWritesNothingThrough() throws IOException {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "original\n");
    JsonlAuditTrail trail =
        new JsonlAuditTrail(Files.createSymbolicLink(dir.resolve("audit.jsonl"), victim));

    UncheckedIOException check = assertThrows(UncheckedIOException.class, trail::checkWritable);
    assertThrows(
        UncheckedIOException.class,
        () ->
            trail.append(
                List.of(
                    ru.aidabilling.core.audit.JsonlAuditTrailTest.auditRecord(
                        1, ProfileField.ZIP, null, "Соляной"))));

    assertTrue(check.getMessage().contains("symbolic link"), check.getMessage());
    assertEquals("original\n", Files.readString(victim, StandardCharsets.UTF_8));
  }
}
