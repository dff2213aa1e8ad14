package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.testing.StubServer;
import ru.aidabilling.core.testing.StubServer.Reply;

/**
 * The real {@code Main} in its own JVM, stopped with SIGTERM while a request waits on a slow
 * billing: the request finishes, and the log lines written while the service stops — its access
 * line among them — reach stderr before "stopped". The JDK's own shutdown hook used to close the
 * log handlers at the same moment, and such lines were lost.
 */
class ShutdownLogProcessTest {
  @Test
  void linesLoggedWhileTheServiceStopsAreWritten(@TempDir Path dir) throws Exception {
    try (StubServer billing =
            new StubServer(
                request -> {
                  try {
                    Thread.sleep(1500);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  return Reply.json(200, RawBilling.FOUND);
                });
        StubFreeScout freescout = new StubFreeScout()) {
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx64m",
              "-cp",
              System.getProperty("java.class.path"),
              "ru.aidabilling.http.Main",
              "--port",
              "0");
      Map<String, String> env = pb.environment();
      env.keySet().removeIf(k -> k.startsWith("AIDA_"));
      env.put("AIDA_API_TOKENS", EndToEnd.TOKEN);
      env.put("AIDA_BILLING_URL", billing.uri("/api/phone.php").toString());
      env.put("AIDA_FREESCOUT_URL", freescout.url().toString());
      env.put("AIDA_FREESCOUT_API_KEY", StubFreeScout.API_KEY);
      env.put("AIDA_AUDIT_FILE", dir.resolve("audit.jsonl").toString());
      Path errFile = dir.resolve("stderr.txt");
      pb.redirectError(errFile.toFile());
      Process p = pb.start();
      try {
        URI base = listeningOn(p);
        CompletableFuture<HttpResponse<String>> answer =
            HttpClient.newHttpClient()
                .sendAsync(
                    HttpRequest.newBuilder(base.resolve("api/v1/customers/31/sync"))
                        .header("Authorization", "Bearer " + EndToEnd.TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"+79004445566\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        Thread.sleep(500); // the request now waits on billing
        p.toHandle().destroy(); // SIGTERM, leaving our ends of the pipes open

        assertEquals(200, answer.get(20, TimeUnit.SECONDS).statusCode());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the service stopped");
      } finally {
        p.destroyForcibly();
      }
      String log = Files.readString(errFile, StandardCharsets.UTF_8);
      int stopping = log.indexOf("aida-billing-http: stopping");
      int sync = log.indexOf("sync customer=31");
      int access = log.indexOf("POST /api/v1/customers/{id}/sync 200");
      int serverStopped = log.indexOf("INFO ru.aidabilling.http: stopped");
      int stopped = log.indexOf("aida-billing-http: stopped");
      assertTrue(stopping >= 0 && sync > stopping, "the sync line, logged while stopping:\n" + log);
      assertTrue(access > stopping, "the request's access line:\n" + log);
      assertTrue(serverStopped > access, "the server's own last line:\n" + log);
      assertTrue(stopped > serverStopped, "all of them before 'stopped':\n" + log);
    }
  }

  /** Reads stdout up to the banner and returns the URL it names. */
  private static URI listeningOn(Process p) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String prefix = "AidaBilling http-app listening on ";
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(prefix)) {
        URI uri = URI.create(line.substring(prefix.length()).strip());
        drain(p.getInputStream(), new ByteArrayOutputStream());
        return uri;
      }
    }
    throw new IllegalStateException("http-app ended before it listened");
  }

  private static Thread drain(InputStream in, ByteArrayOutputStream into) {
    Thread t =
        new Thread(
            () -> {
              try {
                in.transferTo(into);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    t.setDaemon(true);
    t.start();
    return t;
  }
}
