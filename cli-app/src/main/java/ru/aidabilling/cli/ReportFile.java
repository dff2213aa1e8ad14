package ru.aidabilling.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import ru.aidabilling.core.domain.CustomerId;

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

  static ReportFile open(Path path, boolean dryRun, ObjectMapper json) throws IOException {
    IdSet done = new IdSet();
    boolean endsWithoutNewline = false;
    if (Files.exists(path)) {
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          long id = doneId(line, dryRun, json);
          if (id > 0) {
            done.add(id);
          }
        }
      }
      try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "r")) {
        if (f.length() > 0) {
          f.seek(f.length() - 1);
          endsWithoutNewline = f.read() != '\n';
        }
      }
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    BufferedWriter w =
        Files.newBufferedWriter(
            path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (endsWithoutNewline) {
      w.write('\n');
      w.flush();
    }
    return new ReportFile(path, json, done, w);
  }

  private static long doneId(String line, boolean dryRun, ObjectMapper json) {
    if (line.isBlank()) {
      return 0;
    }
    try {
      JsonNode node = json.readTree(line);
      if (node == null || !node.isObject() || !node.path("customerId").canConvertToLong()) {
        return 0;
      }
      boolean fromDryRun = node.path("dryRun").asBoolean(false);
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
