package ru.aidabilling.http.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.http.HttpApp;
import ru.aidabilling.http.RunningApp;

/**
 * http-app started in-process with the real billing and FreeScout adapters over real sockets,
 * pointed at a {@link RawBilling} and a {@link StubFreeScout} on loopback, with short upstream
 * time-outs (500 ms) and the audit log in a temporary folder. Tests close it.
 */
final class EndToEnd implements AutoCloseable {
  static final String TOKEN = "reliab-token-5b2e91d04c";
  static final String WEBHOOK_SECRET = "reliab-webhook-secret-e18f";
  static final String PHONE = "+79004445566";
  static final ObjectMapper JSON = new ObjectMapper();

  final RawBilling billing = new RawBilling();
  final StubFreeScout freescout = new StubFreeScout();
  final Path dir;
  final Path auditFile;
  final RunningApp app;
  final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  EndToEnd() {
    this(UnaryOperator.identity());
  }

  /** With settings changed from the defaults below (e.g. a shorter request deadline). */
  EndToEnd(UnaryOperator<Settings> change) {
    try {
      dir = Files.createTempDirectory("aida-reliab");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    auditFile = dir.resolve("audit.jsonl");
    Settings s =
        change.apply(
            Settings.defaults()
                .with(Setting.API_TOKENS, TOKEN)
                .with(Setting.HTTP_PORT, "0")
                .with(Setting.RATE_LIMIT_PER_SECOND, "0")
                .with(Setting.AUTH_FAILURES_PER_MINUTE, "0")
                .with(Setting.BILLING_URL, billing.url().toString())
                .with(Setting.BILLING_CONNECT_TIMEOUT_MS, "500")
                .with(Setting.BILLING_TIMEOUT_MS, "500")
                .with(Setting.BILLING_RETRY_DELAY_MS, "50")
                .with(Setting.FREESCOUT_URL, freescout.url().toString())
                .with(Setting.FREESCOUT_API_KEY, StubFreeScout.API_KEY)
                .with(Setting.FREESCOUT_CONNECT_TIMEOUT_MS, "500")
                .with(Setting.FREESCOUT_TIMEOUT_MS, "500")
                .with(Setting.FREESCOUT_WEBHOOK_SECRET, WEBHOOK_SECRET)
                .with(Setting.AUDIT_FILE, auditFile.toString()));
    try {
      app = start(s);
    } catch (RuntimeException e) {
      billing.close();
      freescout.close();
      deleteDir();
      throw e;
    }
  }

  /** The composition root with the real adapters, exactly as {@code Main} starts it. */
  static RunningApp start(Settings s) {
    return HttpApp.start(s, false);
  }

  int port() {
    return app.port();
  }

  URI uri(String path) {
    return app.baseUri().resolve(path.substring(1));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
  }

  HttpRequest.Builder authed(String path) {
    return request(path).header("Authorization", "Bearer " + TOKEN);
  }

  HttpResponse<String> send(HttpRequest.Builder b) {
    try {
      return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        authed(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  HttpResponse<String> get(String path) {
    return send(authed(path).GET());
  }

  HttpResponse<String> sync31() {
    return post("/api/v1/customers/31/sync", "{}");
  }

  HttpResponse<String> publicGet(String path) {
    return send(request(path).GET());
  }

  /** The audit log's lines; none when the file does not exist. */
  List<String> auditLines() {
    try {
      return Files.exists(auditFile)
          ? Files.readAllLines(auditFile, StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .toList()
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  static JsonNode json(HttpResponse<String> r) {
    return json(r.body());
  }

  @Override
  public void close() {
    try {
      app.close();
    } finally {
      billing.close();
      freescout.close();
      deleteDir();
    }
  }

  private void deleteDir() {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException ignored) {
      // a temporary folder
    }
  }
}
