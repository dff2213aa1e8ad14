package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.aidabilling.http.api.Answers.FailureStyle;

class RouteTableTest {
  static Route route(String method, String template) {
    return new Route(
        method,
        template,
        Route.Access.PUBLIC,
        FailureStyle.PROBLEM,
        false,
        false,
        Duration.ofSeconds(1),
        504,
        c -> null);
  }

  final RouteTable table =
      new RouteTable(
          List.of(route("POST", "/api/v1/customers/{id}/sync"), route("GET", "/api/v1/ping")));

  @Test
  void matchesTemplatesAndCollectsParameters() {
    RouteTable.Match m = table.match("POST", "/api/v1/customers/31/sync");

    assertEquals("/api/v1/customers/{id}/sync", m.route().orElseThrow().template());
    assertEquals(List.of("31"), m.params());
  }

  @Test
  void tellsAWrongMethodFromAnUnknownPath() {
    assertEquals(List.of("POST"), table.match("GET", "/api/v1/customers/31/sync").allowed());
    assertTrue(table.match("GET", "/api/v1/customers/31/sync").route().isEmpty());
    assertTrue(table.match("GET", "/api/v1/customers//sync").allowed().isEmpty());
    assertTrue(table.match("GET", "/api/v1/ping/").allowed().isEmpty());
    assertTrue(table.match("GET", "/api/v1/customers/31/sync/x").allowed().isEmpty());
  }
}
