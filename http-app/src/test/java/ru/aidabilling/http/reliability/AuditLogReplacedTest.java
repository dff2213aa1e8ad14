package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit log is checked at start and again before every change: a log moved away and replaced by
 * something the service cannot write (here a folder; in life, a file an operator's command made as
 * root) stops the change before FreeScout is written, instead of after it, when the change could no
 * longer be recorded nor undone.
 */
class AuditLogReplacedTest {

  @Test
  void aSyncWhoseChangeCouldNotBeRecordedWritesNothing() throws Exception {
    try (EndToEnd e2e = new EndToEnd()) {
      Files.deleteIfExists(e2e.auditFile);
      Files.createDirectory(e2e.auditFile);

      HttpResponse<String> r = e2e.sync31();

      assertEquals(502, r.statusCode(), r.body());
      JsonNode problem = EndToEnd.json(r);
      assertEquals("CONFIGURATION", problem.path("code").asText(), r.body());
      assertTrue(problem.path("detail").asText().contains("не изменён"), r.body());
      assertEquals(List.of(), e2e.freescout.puts(), "FreeScout untouched");

      Files.delete(e2e.auditFile); // moved away, nothing in its place: the next change makes it
      HttpResponse<String> again = e2e.sync31();
      assertEquals(200, again.statusCode(), again.body());
      assertEquals(4, e2e.auditLines().size(), "recorded in a new file");
    }
  }
}
