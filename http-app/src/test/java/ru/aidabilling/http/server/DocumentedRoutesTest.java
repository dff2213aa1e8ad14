package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.memory.InMemoryAuditTrail;
import ru.aidabilling.core.memory.InMemoryBillingDirectory;
import ru.aidabilling.core.memory.InMemoryCustomerDirectory;
import ru.aidabilling.core.service.LookupAccountsService;
import ru.aidabilling.core.service.SyncCustomerService;
import ru.aidabilling.core.service.UpstreamHealthService;
import ru.aidabilling.core.settings.Setting;
import ru.aidabilling.core.settings.Settings;
import ru.aidabilling.core.testing.Markdown;
import ru.aidabilling.http.RunningApp;
import ru.aidabilling.http.SandboxApp;
import ru.aidabilling.http.UseCases;
import ru.aidabilling.http.api.SyncEndpoint;
import ru.aidabilling.http.metrics.Metrics;

/**
 * docs/http-api.md (and the README's route table) name exactly the routes the service serves: each
 * route of the route table is a {@code ### `METHOD /path`} heading of docs/http-api.md and a row of
 * the README's table, and neither names a route that is not there; each sandbox route the documents
 * name answers in a sandbox.
 */
class DocumentedRoutesTest {
  private static final Pattern ROUTE = Pattern.compile("(GET|POST|PUT|DELETE|PATCH) (/\\S*)");

  @TempDir Path dir;

  private final List<String> drift = new ArrayList<>();

  @Test
  void httpApiHeadingsNameEveryRouteAndNoOther() {
    Set<String> served = served();
    Map<String, String> documented = new LinkedHashMap<>();
    Markdown doc = Markdown.project("docs/http-api.md");
    for (Markdown.Line h : doc.section("## Routes").headings()) {
      if (h.text().startsWith("### Sandbox only")) {
        continue; // checked by answering, below
      }
      for (String route : routes(h.text())) {
        documented.put(route, h.where());
      }
    }
    compare(served, documented, "docs/http-api.md, ## Routes: no heading `");
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  @Test
  void readmeRouteTableNamesEveryRouteAndNoOther() {
    Map<String, String> documented = new LinkedHashMap<>();
    for (Markdown.Row row :
        Markdown.project("README.md").section("## http-app").table("| route | auth | what |")) {
      for (String route : routes(row.cell(0))) {
        documented.put(route, row.where());
      }
    }
    compare(served(), documented, "README.md, ## http-app: no row of the route table names `");
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  @Test
  void everyDocumentedSandboxRouteAnswersInASandbox() throws Exception {
    Map<String, String> documented = new LinkedHashMap<>();
    for (Markdown.Line h : Markdown.project("docs/http-api.md").section("## Routes").headings()) {
      if (h.text().startsWith("### Sandbox only")) {
        routes(h.text()).forEach(r -> documented.put(r, h.where()));
      }
    }
    Markdown sandbox = Markdown.project("docs/sandbox.md").section("## Sandbox routes");
    String[] lines = sandbox.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (String route : routes(lines[i])) {
        documented.putIfAbsent(route, sandbox.where(i));
      }
    }
    assertTrue(documented.size() >= 4, "the sandbox routes: " + documented);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (RunningApp app = SandboxApp.start(dir)) {
      for (Map.Entry<String, String> e : documented.entrySet()) {
        String method = e.getKey().substring(0, e.getKey().indexOf(' '));
        String path =
            e.getKey()
                .substring(method.length() + 1)
                .replace("{id}", "31")
                .replace("*", "module.js");
        URI uri = app.baseUri().resolve(path.substring(1));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20));
        b = method.equals("GET") ? b.GET() : b.method(method, HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404 || r.statusCode() == 405) {
          drift.add(
              e.getValue()
                  + ": `"
                  + e.getKey()
                  + "` is answered "
                  + r.statusCode()
                  + " in a sandbox");
        }
      }
    }
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  private void compare(Set<String> served, Map<String, String> documented, String missing) {
    for (String route : served) {
      if (!documented.containsKey(route)) {
        drift.add(missing + route + "`");
      }
    }
    for (Map.Entry<String, String> e : documented.entrySet()) {
      if (!served.contains(e.getKey())) {
        drift.add(e.getValue() + ": `" + e.getKey() + "` is no route of the service");
      }
    }
  }

  /**
   * The routes a text names: {@code `GET /healthz`, `/readyz`} (a bare path takes the method before
   * it); a query ({@code ?phone=…}) is dropped.
   */
  static List<String> routes(String text) {
    List<String> out = new ArrayList<>();
    String method = null;
    for (String word : Markdown.ticked(text)) {
      Matcher m = ROUTE.matcher(word);
      String path;
      if (m.lookingAt()) {
        method = m.group(1);
        path = m.group(2);
      } else if (word.startsWith("/") && method != null) {
        path = word.split(" ")[0];
      } else {
        continue;
      }
      int query = path.indexOf('?');
      out.add(method + " " + (query < 0 ? path : path.substring(0, query)));
    }
    return out;
  }

  /** The route table's routes, {@code METHOD /template}. */
  private static Set<String> served() {
    Settings settings =
        Settings.defaults()
            .with(Setting.API_TOKENS, "0123456789abcdef0123456789abcdef")
            .with(Setting.HTTP_PORT, "0");
    InMemoryBillingDirectory billing = new InMemoryBillingDirectory();
    InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
    SyncCustomerService sync =
        new SyncCustomerService(
            billing,
            customers,
            new InMemoryAuditTrail(),
            MappingMode.SEED,
            WritePolicy.OVERWRITE,
            Clock.systemUTC());
    UseCases useCases =
        new UseCases(
            sync,
            new LookupAccountsService(billing),
            new UpstreamHealthService(billing, customers));
    Set<String> out = new TreeSet<>();
    for (Route r :
        ApiRoutes.build(
            useCases,
            new SyncEndpoint(sync),
            ServerConfig.fromSettings(settings, false),
            new Metrics(),
            Clock.systemUTC())) {
      out.add(r.method() + " " + r.template());
    }
    assertTrue(out.size() >= 8, "the route table: " + out);
    return out;
  }
}
