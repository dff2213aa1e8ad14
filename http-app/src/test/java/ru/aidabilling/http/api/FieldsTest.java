package ru.aidabilling.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FieldsTest {
  @Test
  void idSegments() {
    assertEquals(31, Fields.customerIdSegment("31").value());
    assertEquals(7, Fields.customerIdSegment("007").value());
    for (String bad :
        new String[] {"", "0", "000", "-1", "+1", "1.0", "1e3", " 1", "..", "9".repeat(19)}) {
      assertThrows(BadRequest.class, () -> Fields.customerIdSegment(bad), bad);
    }
  }

  @Test
  void theActorHeaderIsPrintableAsciiUpTo200() {
    assertEquals(
        "freescout-user:5 agent@example.com",
        Fields.actorHeader("freescout-user:5 agent@example.com").orElseThrow().value());
    assertTrue(Fields.actorHeader(null).isEmpty());
    // a UTF-8 header arrives as ISO-8859-1 characters
    String utf8AsLatin1 =
        new String("Тарас".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertThrows(BadRequest.class, () -> Fields.actorHeader(utf8AsLatin1));
    assertThrows(BadRequest.class, () -> Fields.actorHeader("a\tb"));
    assertThrows(BadRequest.class, () -> Fields.actorHeader("x".repeat(201)));
    assertThrows(BadRequest.class, () -> Fields.actorHeader("   "));
  }

  @Test
  void requestIdsAreKeptOnlyWhenValid() {
    assertEquals("abc-123_X", Fields.requestIdHeader("abc-123_X").orElseThrow().value());
    assertTrue(Fields.requestIdHeader("has space").isEmpty());
    assertTrue(Fields.requestIdHeader("x".repeat(65)).isEmpty());
  }

  @Test
  void jsonIsReadStrictly() {
    assertTrue(Json.readObject("  ".getBytes(StandardCharsets.UTF_8), true).isEmpty());
    assertThrows(BadRequest.class, () -> Json.readObject(new byte[0], false));
    assertThrows(
        BadRequest.class, () -> Json.readObject("{}x".getBytes(StandardCharsets.UTF_8), true));
    assertThrows(
        BadRequest.class, () -> Json.readObject("{'a':1}".getBytes(StandardCharsets.UTF_8), true));
    assertThrows(
        BadRequest.class, () -> Json.readObject("null".getBytes(StandardCharsets.UTF_8), true));
    assertThrows(
        BadRequest.class,
        () ->
            Json.readObject(
                ("{\"a\":" + "1".repeat(100) + "}").getBytes(StandardCharsets.UTF_8), true));
  }
}
