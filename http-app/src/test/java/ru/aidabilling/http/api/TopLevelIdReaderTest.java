package ru.aidabilling.http.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streamed reader against the whole-body one it replaces ({@link Json#readObject} then {@link
 * Fields#requiredCustomerId}): the same id or the same refusal, whatever the body and however it is
 * cut into pieces.
 */
class TopLevelIdReaderTest {
  private static final String MALFORMED = "Некорректный JSON";

  /** What the whole-body reader says: the id, or its refusal's detail. */
  static String wholeBody(byte[] body) {
    try {
      return "id " + Fields.requiredCustomerId(Json.readObject(body, false), "id").value();
    } catch (BadRequest e) {
      return e.getMessage();
    }
  }

  /** What the streamed reader says, fed in pieces of random sizes. */
  static String streamed(byte[] body, Random random) {
    TopLevelIdReader reader = new TopLevelIdReader();
    int at = 0;
    while (at < body.length) {
      int n = 1 + random.nextInt(random.nextBoolean() ? 4 : Math.max(1, body.length));
      int to = Math.min(body.length, at + n);
      // a piece of a larger array, as a receive buffer would hold it
      byte[] buffer = new byte[to - at + 8];
      System.arraycopy(body, at, buffer, 4, to - at);
      reader.feed(buffer, 4, 4 + to - at);
      at = to;
    }
    try {
      return "id " + reader.customerId().value();
    } catch (BadRequest e) {
      return e.getMessage();
    }
  }

  static void assertSame(byte[] body, Random random) {
    String expected = wholeBody(body);
    String actual = streamed(body, random);
    String shown = new String(body, StandardCharsets.UTF_8);
    shown = shown.length() > 300 ? shown.substring(0, 300) + "…" : shown;
    if (expected.startsWith(MALFORMED)) {
      // where Jackson notices the fault may be a character later: the verdict must agree
      assertTrue(
          actual.startsWith(MALFORMED), shown + "\n expected " + expected + "\n got " + actual);
    } else {
      assertEquals(expected, actual, shown);
    }
  }

  static void assertSame(String body) {
    assertSame(body.getBytes(StandardCharsets.UTF_8), new Random(body.hashCode()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":31}",
        "{\"firstName\":\"Ivan\",\"id\":31}",
        "  {\"id\" : 31 }\r\n",
        "{\"\\u0069d\":31}",
        "{\"i\\u0064\":32,\"x\":[1,2,{\"id\":5}]}",
        "{\"x\":{\"id\":31}}",
        "[{\"id\":31}]",
        "[31]",
        "31",
        "\"31\"",
        "true",
        "null",
        "",
        "   \n\t",
        "{}",
        "{\"id\":null}",
        "{\"id\":\"31\"}",
        "{\"id\":31.0}",
        "{\"id\":3.1e1}",
        "{\"id\":-31}",
        "{\"id\":0}",
        "{\"id\":-0}",
        "{\"id\":true}",
        "{\"id\":{}}",
        "{\"id\":[31]}",
        "{\"id\":9223372036854775807}",
        "{\"id\":999999999999999999}",
        "{\"id\":1000000000000000000000000000000}",
        "{\"id\":1234567890123456789012345678901234567890}",
        "{\"id\":12345678901234567890123456789012345678901}",
        "{\"id\":31,\"x\":1.5e123456789012345678901234567890123456789}",
        "{\"id\":31,\"x\":1.23456789012345678901234567890123456789}",
        "{\"id\":31,\"id\":32}",
        "{\"id\":31,\"\\u0069d\":32}",
        "{\"id\":",
        "{\"id\":31",
        "{\"id\":31,}",
        "{\"id\":31}x",
        "{\"id\":31}{}",
        "{\"id\":31} ",
        "{\"id\":01}",
        "{\"id\":-}",
        "{\"id\":1.}",
        "{\"id\":.5}",
        "{\"id\":+1}",
        "{\"id\":1e}",
        "{\"id\":1e+}",
        "{\"id\":31,\"a\":tru}",
        "{\"id\":31,\"a\":nulls}",
        "{\"id\":31,\"a\":\"\\x\"}",
        "{\"id\":31,\"a\":\"\\u12G4\"}",
        "{\"id\":31,\"a\":\"tab\there\"}",
        "{\"id\":31,\"a\":\"\\ud83d\\ude00 \u0417\u0430\u043c \uD83D\uDE00\"}",
        "{\"id\":31,\"a\":[]}",
        "{\"id\":31,\"a\":[1,]}",
        "{\"id\":31,\"a\":[,1]}",
        "{\"id\":31 \"a\":1}",
        "{\"id\" 31}",
        "{id:31}",
        "{'id':31}",
        "{\"id\":31}]",
        "\uFEFF{\"id\":31}",
        "\uFEFF",
        "\uFEFF  ",
        "{\"id\":31,\"a\":\"\u0000\"}",
        "{\"id\":31,\"a\":\"\u007f\"}",
      })
  void agreesOnEachCase(String body) {
    assertSame(body);
  }

  @Test
  void agreesOnInvalidUtf8() {
    byte[][] cases = {
      {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', ',', '"', 'i', 'd', '"', ':', '1', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', ',', '"', 'i', 'd', '"', ':', '1', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', ',', '"', 'i', 'd', '"', ':', '1', '}'},
      {'{', '"', 'a', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},
      {'{', '"', (byte) 0xC3, '"', ':', '1', ',', '"', 'i', 'd', '"', ':', '1', '}'},
      {
        '{',
        '"',
        'a',
        '"',
        ':',
        '"',
        (byte) 0xC0,
        (byte) 0x80,
        '"',
        ',',
        '"',
        'i',
        'd',
        '"',
        ':',
        '1',
        '}'
      },
      {
        '{',
        '"',
        'a',
        '"',
        ':',
        '"',
        (byte) 0xED,
        (byte) 0xA0,
        (byte) 0x80,
        '"',
        ',',
        '"',
        'i',
        'd',
        '"',
        ':',
        '1',
        '}'
      },
      {'{', '"', 'i', 'd', '"', ':', '1', '}', (byte) 0xC3},
      {(byte) 0xEF, (byte) 0xBB, '{', '}'},
      {(byte) 0xEF, (byte) 0xBB},
    };
    Random random = new Random(7);
    for (byte[] body : cases) {
      for (int i = 0; i < 5; i++) {
        assertSame(body, random);
      }
    }
  }

  @Test
  void theLimitsAreJsons() {
    String deep16 = "[".repeat(15) + "1" + "]".repeat(15);
    String deep17 = "[".repeat(16) + "1" + "]".repeat(16);
    assertSame("{\"id\":31,\"a\":" + deep16 + "}");
    assertSame("{\"id\":31,\"a\":" + deep17 + "}");
    assertSame("{\"id\":31,\"a\":\"" + "я".repeat(64 * 1024) + "\"}");
    assertSame("{\"id\":31,\"a\":\"" + "я".repeat(64 * 1024 + 1) + "\"}");
    assertSame("{\"id\":31,\"a\":\"" + "\\u044f".repeat(64 * 1024 + 1) + "\"}");
    assertSame("{\"id\":31,\"a\":" + "9".repeat(40) + "}");
    assertSame("{\"id\":31,\"a\":" + "9".repeat(41) + "}");
    assertSame("{\"id\":31,\"a\":-" + "9".repeat(41) + "}");
    assertSame("{\"id\":31,\"a\":1." + "9".repeat(39) + "}");
    assertSame("{\"id\":31,\"a\":1." + "9".repeat(40) + "}");
  }

  @Test
  void theIdMayComeAfterAMegabyteOfText() {
    // the longest a MySQL TEXT holds (65 535 bytes: 32 767 Cyrillic letters), as PHP escapes it
    String text = "\\u0417".repeat(32_767);
    StringBuilder fields = new StringBuilder("{");
    for (int i = 0; i < 6; i++) {
      fields.append("\"notes").append(i).append("\":\"").append(text).append("\",");
    }
    byte[] body = (fields + "\"_embedded\":{\"id\":5},\"id\":31}").getBytes(StandardCharsets.UTF_8);
    assertTrue(body.length > 1_000_000);
    assertEquals("id 31", wholeBody(body));
    assertEquals("id 31", streamed(body, new Random(1)));
  }

  @Test
  void nothingIsReadBeforeTheEnd() {
    TopLevelIdReader reader = new TopLevelIdReader();
    reader.feed("{\"id\":31".getBytes(StandardCharsets.UTF_8));
    BadRequest e = assertThrows(BadRequest.class, reader::customerId);
    assertTrue(e.getMessage().startsWith(MALFORMED), e.getMessage());
  }

  /** Random customers, then each cut short or with one byte changed, added or taken away. */
  @Test
  void agreesOnRandomBodiesAndTheirMutations() throws Exception {
    Random random = new Random(20261127);
    int compared = 0;
    for (int round = 0; round < 3_000; round++) {
      byte[] body = customer(random).getBytes(StandardCharsets.UTF_8);
      byte[] mutated = round % 4 == 0 ? body : mutate(body, random);
      if (hasDuplicateKey(mutated) || startsWithZeroes(mutated)) {
        continue; // the two differences the reader's comment names
      }
      assertSame(mutated, random);
      compared++;
    }
    assertTrue(compared > 2_500, "compared " + compared);
  }

  private static final JsonFactory STRICT =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static boolean hasDuplicateKey(byte[] body) {
    try (JsonParser p = STRICT.createParser(body)) {
      while (p.nextToken() != null) {
        // read on
      }
      return false;
    } catch (Exception e) {
      return e.getMessage() != null && e.getMessage().contains("Duplicate field");
    }
  }

  /** Jackson reads a body with a zero byte among its first four as UTF-16 or UTF-32. */
  private static boolean startsWithZeroes(byte[] body) {
    for (int i = 0; i < Math.min(4, body.length); i++) {
      if (body[i] == 0) {
        return true;
      }
    }
    return false;
  }

  private static byte[] mutate(byte[] body, Random random) {
    int at = body.length == 0 ? 0 : random.nextInt(body.length);
    byte[] pick = {
      0,
      '\n',
      '"',
      '\\',
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '0',
      '1',
      '-',
      '.',
      'e',
      'u',
      'i',
      'd',
      ' ',
      (byte) 0x80,
      (byte) 0xC3,
      (byte) 0xD0,
      (byte) 0xE2,
      (byte) 0xF0,
      (byte) 0xFF,
      (byte) 0xEF
    };
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (random.nextInt(4)) {
      case 0 -> out.write(body, 0, at); // cut short
      case 1 -> { // one byte changed
        out.write(body, 0, at);
        out.write(pick[random.nextInt(pick.length)]);
        out.write(body, Math.min(body.length, at + 1), Math.max(0, body.length - at - 1));
      }
      case 2 -> { // one byte added
        out.write(body, 0, at);
        out.write(pick[random.nextInt(pick.length)]);
        out.write(body, at, body.length - at);
      }
      default -> { // one byte taken away
        out.write(body, 0, at);
        out.write(body, Math.min(body.length, at + 1), Math.max(0, body.length - at - 1));
      }
    }
    return out.toByteArray();
  }

  /** A FreeScout-like customer: the id anywhere among the fields, or missing, or nested. */
  private static String customer(Random random) {
    StringBuilder b = new StringBuilder("{");
    int fields = random.nextInt(6);
    int idAt = random.nextInt(fields + 2) - 1; // -1: no id
    for (int i = 0; i <= fields; i++) {
      if (i > 0) {
        b.append(',').append(random.nextBoolean() ? "" : " ");
      }
      if (i == idAt) {
        b.append(random.nextInt(5) == 0 ? "\"\\u0069d\"" : "\"id\"").append(':');
        b.append(random.nextInt(6) == 0 ? value(random, 2) : Long.toString(random.nextInt(100)));
      } else {
        b.append("\"k").append(i).append("\":").append(value(random, 0));
      }
    }
    return b.append('}').toString();
  }

  private static String value(Random random, int depth) {
    int pick = depth > 3 ? random.nextInt(6) : random.nextInt(8);
    return switch (pick) {
      case 0 -> "null";
      case 1 -> random.nextBoolean() ? "true" : "false";
      case 2 -> number(random);
      case 3, 4 -> string(random);
      case 5 -> Integer.toString(random.nextInt(1000) - 500);
      case 6 -> {
        StringBuilder a = new StringBuilder("[");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          a.append(i > 0 ? "," : "").append(value(random, depth + 1));
        }
        yield a.append(']').toString();
      }
      default -> {
        StringBuilder o = new StringBuilder("{");
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
          o.append(i > 0 ? "," : "")
              .append(i == 0 && random.nextBoolean() ? "\"id\"" : "\"n" + i + "\"");
          o.append(":").append(value(random, depth + 1));
        }
        yield o.append('}').toString();
      }
    };
  }

  private static String number(Random random) {
    String[] shapes = {"0", "-0", "12", "-7", "3.25", "1e5", "-2.5E-3", "6.02e+23", "100"};
    return shapes[random.nextInt(shapes.length)];
  }

  private static String string(Random random) {
    String[] pieces = {
      "Ivan",
      "Заметка",
      "\\u0417\\u0430",
      "\\/",
      "\\\"",
      "\\\\",
      "\\n",
      "😀",
      "\\ud83d\\ude00",
      " ",
      "a/b",
      "\\t"
    };
    StringBuilder s = new StringBuilder("\"");
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.append('"').toString();
  }
}
