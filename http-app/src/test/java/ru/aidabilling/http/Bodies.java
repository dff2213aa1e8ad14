package ru.aidabilling.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** Reads answer bodies in tests. */
final class Bodies {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Bodies() {}

  static JsonNode json(HttpResponse<String> r) {
    try {
      return MAPPER.readTree(r.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + r.body(), e);
    }
  }

  static String code(HttpResponse<String> r) {
    return json(r).path("code").asText();
  }

  static String contentType(HttpResponse<String> r) {
    return r.headers().firstValue("Content-Type").orElse("");
  }
}
