package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.testing.Markdown;
import ru.aidabilling.http.metrics.Metrics;

/**
 * docs/http-api.md's {@code /metrics} entry names exactly the metrics the service emits: those a
 * sandbox (the real composition, with the real adapters' circuit breaker) shows after a few
 * requests, and those {@link Metrics} registers only when something happens (a failed upstream
 * call, a deadline), each recorder called once here.
 */
class DocumentedMetricsTest {
  /** Metrics' public methods, each either called below or not a recorder. */
  private static final Set<String> METHODS =
      Set.of(
          "registry",
          "scrape",
          "request",
          "upstream",
          "overloaded",
          "authFailed",
          "deadlineExceeded",
          "pool",
          "gauge");

  @TempDir Path dir;

  @Test
  void theMetricsEntryNamesEveryMetricEmittedAndNoOther() throws Exception {
    Set<String> emitted = new TreeSet<>(families(sandboxScrape()));
    emitted.addAll(families(everyRecorder()));
    Markdown doc = Markdown.project("docs/http-api.md");
    String entry = metricsEntry(doc);
    Set<String> documented = new TreeSet<>();
    for (String word : Markdown.ticked(entry)) {
      if (word.startsWith("aida_")) {
        int brace = word.indexOf('{');
        documented.add(brace < 0 ? word : word.substring(0, brace));
      }
    }
    List<String> drift = new ArrayList<>();
    for (String name : emitted) {
      if (!documented.contains(name)) {
        drift.add("docs/http-api.md, the `/metrics` entry: " + name + " is emitted, not named");
      }
    }
    for (String name : documented) {
      if (!emitted.contains(name)) {
        drift.add("docs/http-api.md, the `/metrics` entry: " + name + " is named, never emitted");
      }
    }
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  @Test
  void everyRecorderOfMetricsIsCalledHere() {
    Set<String> methods =
        Arrays.stream(Metrics.class.getDeclaredMethods())
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .map(Method::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(METHODS),
        methods,
        "a new recorder of Metrics: call it in everyRecorder() so its metric is checked");
  }

  /** The {@code - `/metrics`: …} bullet of docs/http-api.md, up to the next bullet or heading. */
  private static String metricsEntry(Markdown doc) {
    String text = doc.text();
    int start = text.indexOf("- `/metrics`:");
    assertTrue(start >= 0, "docs/http-api.md has a `- `/metrics`:` entry");
    int end = text.length();
    for (String next : new String[] {"\n- ", "\n#"}) {
      int at = text.indexOf(next, start + 1);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    return text.substring(start, end);
  }

  /** The metric names of a scrape: its samples' names, a histogram's parts as the histogram. */
  private static Set<String> families(String scrape) {
    Set<String> out = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String name = line.split("[{ ]", 2)[0];
      out.add(name.replaceAll("_(bucket|count|sum|max|created)$", ""));
    }
    return out;
  }

  private String sandboxScrape() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (RunningApp app = SandboxApp.start(dir)) {
      for (String id : new String[] {"31", "38"}) { // 38: billing down
        client.send(
            HttpRequest.newBuilder(app.baseUri().resolve("api/v1/customers/" + id + "/sync"))
                .header("Authorization", "Bearer sandbox")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dryRun\": true}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
      }
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(app.baseUri().resolve("metrics")).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("aida_billing_circuit_state"), r.body());
      return r.body();
    }
  }

  /** Every recorder of {@link Metrics} called once, so that the lazily made meters exist. */
  private static String everyRecorder() {
    Metrics m = new Metrics();
    m.request("/healthz", "GET", 200, 1_000_000);
    m.upstream("billing", "lookup", "BILLING_UNAVAILABLE", 1_000_000);
    m.overloaded();
    m.authFailed(true);
    m.deadlineExceeded("/api/v1/customers/{id}/sync");
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    try {
      m.pool(pool, 1);
      return m.scrape();
    } finally {
      pool.shutdownNow();
    }
  }
}
