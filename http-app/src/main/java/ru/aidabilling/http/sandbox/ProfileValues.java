package ru.aidabilling.http.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ru.aidabilling.http.HttpAnswer;

/**
 * The sandbox's copy of the module's {@code Support/ProfileValues.php}: the customer's fields a
 * sync may write, as the fake FreeScout holds them (null as {@code ""}, trimmed), keyed by the
 * sync's field names. The demo page carries them as it rendered them ({@code data-profile}) and the
 * sync route adds them as they are after the sync ({@code "profile"}), so module.js can tell a page
 * that shows older values than FreeScout's here as it does in FreeScout.
 */
final class ProfileValues {
  /** The answer's member that carries the values after the sync. */
  static final String MEMBER = "profile";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private ProfileValues() {}

  /** Sync field → text, in the module's order ({@code ""} for an empty field). */
  static Map<String, String> of(FakeCustomer c) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("firstName", text(c.firstName()));
    values.put("lastName", text(c.lastName()));
    values.put("company", text(c.company()));
    values.put("zip", text(c.zip()));
    values.put("city", text(c.city()));
    values.put("state", text(c.state()));
    values.put("address", text(c.address()));
    return values;
  }

  /** The values as the page's {@code data-profile} attribute holds them (before escaping). */
  static String json(FakeCustomer c) {
    try {
      return JSON.writeValueAsString(of(c));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  /**
   * A successful JSON answer with the customer's values after the sync added; any other answer (a
   * problem, a body that is not a JSON object, or no customer to read) as it is.
   *
   * @param customer the customer read again after the sync
   */
  static HttpAnswer addTo(HttpAnswer answer, Optional<FakeCustomer> customer) {
    if (customer.isEmpty()
        || answer.status() < 200
        || answer.status() >= 300
        || !HttpAnswer.JSON.equals(answer.contentType())) {
      return answer;
    }
    try {
      JsonNode body = JSON.readTree(answer.body());
      if (!(body instanceof ObjectNode object)) {
        return answer;
      }
      object.set(MEMBER, JSON.valueToTree(of(customer.get())));
      return new HttpAnswer(answer.status(), answer.contentType(), JSON.writeValueAsBytes(object));
    } catch (IOException e) {
      return answer;
    }
  }

  private static String text(String value) {
    return value == null ? "" : value.trim();
  }
}
