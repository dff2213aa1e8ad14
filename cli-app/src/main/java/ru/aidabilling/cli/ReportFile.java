package ru.aidabilling.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.settings.PersonalDataFile;

/**
 * The {@code sync-all} report: one JSON line per customer, appended and flushed line by line so an
 * interrupted run leaves every finished customer on record. Opening it reads the lines already
 * there: those customers are done and are never synced again. Lines written by a dry run count only
 * for dry runs, so a dry run never makes a real run skip anybody. A torn last line (a killed
 * process) is ignored, so that customer is simply synced again.
 */
final class ReportFile implements AutoCloseable {
  private final Path path;
  private final ObjectMapper json;
  private final IdSet done;
  private final BufferedWriter writer;

  private ReportFile(Path path, ObjectMapper json, IdSet done, BufferedWriter writer) {
    this.path = path;
    this.json = json;
    this.done = done;
    this.writer = writer;
  }

  /**
   * Opens the report for appending, under an exclusive lock held until {@link #close}, and reads
   * the customers already done.
   *
   * @param retryFailed a failure line ({@code "code"}) other than {@code INTERNAL} does not count
   *     as done
   * @throws IOException when it cannot be opened or read, or another run holds it
   */
  static ReportFile open(Path path, boolean dryRun, boolean retryFailed, ObjectMapper json)
      throws IOException {
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
        && !Files.isSymbolicLink(path)
        && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("not a regular file");
    }
    // One channel reads and writes: on Linux, closing any other descriptor of the file would drop
    // the lock held through this one.
    FileChannel channel = PersonalDataFile.open(path);
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this JVM already
      }
      if (lock == null) {
        throw new IOException("another sync-all is writing it; wait for it or use another report");
      }
      IdSet done = new IdSet();
      // Not closed: closing the stream would close the channel.
      Reader r = new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8);
      BoundedLines lines = new BoundedLines(r, MAX_LINE);
      BoundedLines.Line line;
      while ((line = lines.next()) != null) {
        long id = line.tooLong() ? 0 : doneId(line.text(), dryRun, retryFailed, json);
        if (id > 0) {
          done.add(id);
        }
      }
      long size = channel.size();
      boolean endsWithoutNewline = false;
      if (size > 0) {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        endsWithoutNewline = last.get(0) != '\n';
      }
      channel.position(size);
      // Channels.newOutputStream writes until every byte is out (or fails); Channels.newWriter
      // makes one write call and ignores a short count, so a full disk tore lines silently.
      BufferedWriter w =
          new BufferedWriter(
              new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
              1 << 13);
      if (endsWithoutNewline) {
        w.write('\n');
        w.flush();
      }
      return new ReportFile(path, json, done, w);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** A report line is a few hundred bytes; a longer one is not ours and is ignored. */
  private static final int MAX_LINE = 1 << 16;

  private static long doneId(String line, boolean dryRun, boolean retryFailed, ObjectMapper json) {
    if (line.isBlank()) {
      return 0;
    }
    try {
      JsonNode node = json.readTree(line);
      if (node == null || !node.isObject() || !node.path("customerId").canConvertToLong()) {
        return 0;
      }
      boolean fromDryRun = node.path("dryRun").asBoolean(false);
      // INTERNAL is not retried: it stops a walk, so a customer that always ends so would stop
      // every --retry-failed run at the same place
      if (retryFailed && node.has("code") && !"INTERNAL".equals(node.path("code").asText())) {
        return 0;
      }
      return dryRun || !fromDryRun ? node.path("customerId").asLong() : 0;
    } catch (JsonProcessingException e) {
      return 0;
    }
  }

  Path path() {
    return path;
  }

  /** The customer has a line from an earlier run. */
  boolean isDone(CustomerId id) {
    return done.contains(id.value());
  }

  int alreadyDone() {
    return done.size();
  }

  /** Appends one line and flushes it; safe from several worker threads. */
  synchronized void append(Map<String, Object> line) throws IOException {
    writer.write(json.writeValueAsString(line));
    writer.write('\n');
    writer.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    writer.close();
  }
}
