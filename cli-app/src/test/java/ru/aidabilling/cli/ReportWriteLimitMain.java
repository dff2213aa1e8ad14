package ru.aidabilling.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a process whose file size limit ({@code ulimit -f}) a report line crosses: appends one
 * line and prints {@code failed} or {@code written} (the JVM ignores SIGXFSZ, so the write is cut
 * short, as on a disk that fills up).
 */
public final class ReportWriteLimitMain {
  private ReportWriteLimitMain() {}

  public static void main(String[] args) {
    try (ReportFile report = ReportFile.open(Path.of(args[0]), false, false, new ObjectMapper())) {
      report.append(Map.of("customerId", 9, "status", "updated", "note", "x".repeat(300)));
      System.out.println("written");
    } catch (Exception e) {
      System.out.println("failed");
    }
  }
}
