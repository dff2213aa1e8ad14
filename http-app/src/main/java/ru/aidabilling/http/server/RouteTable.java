package ru.aidabilling.http.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import ru.aidabilling.http.api.Answers.FailureStyle;

/**
 * Finds the route for a method and path: segment by segment, {@code {name}} matching any one
 * non-empty segment. Tells "no such path" (404) from "path exists, other method" (405 with the
 * allowed methods). HEAD is served by the GET route (RFC 9110 9.3.2; Undertow sends the head of the
 * answer without its body).
 */
final class RouteTable {
  private final List<Route> routes;

  /**
   * The result of a lookup: a route with its path parameters, or the methods the path allows and
   * the failure style of its routes (for the 405).
   */
  record Match(
      Optional<Route> route, List<String> params, List<String> allowed, FailureStyle style) {}

  RouteTable(List<Route> routes) {
    this.routes = List.copyOf(routes);
  }

  Match match(String method, String path) {
    List<String> segments = split(path);
    TreeSet<String> allowed = new TreeSet<>();
    FailureStyle style = FailureStyle.PROBLEM;
    for (Route r : routes) {
      List<String> params = params(r.segments(), segments);
      if (params == null) {
        continue;
      }
      boolean get = r.method().equals("GET");
      if (r.method().equals(method) || (get && method.equals("HEAD"))) {
        return new Match(Optional.of(r), params, List.of(), r.style());
      }
      allowed.add(r.method());
      if (get) {
        allowed.add("HEAD");
      }
      style = r.style();
    }
    return new Match(Optional.empty(), List.of(), List.copyOf(allowed), style);
  }

  private static List<String> params(List<String> template, List<String> path) {
    if (template.size() != path.size()) {
      return null;
    }
    List<String> params = new ArrayList<>();
    for (int i = 0; i < template.size(); i++) {
      String t = template.get(i);
      if (t.startsWith("{") && t.endsWith("}")) {
        if (path.get(i).isEmpty()) {
          return null;
        }
        params.add(path.get(i));
      } else if (!t.equals(path.get(i))) {
        return null;
      }
    }
    return params;
  }

  /** {@code /a/b/} → {@code [a, b, ""]}: a trailing slash is a different path. */
  static List<String> split(String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return List.of(p.split("/", -1));
  }
}
