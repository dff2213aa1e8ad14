package ru.aidabilling.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  // ------------------------------------------------------------------ writing

  @Test
  void writesAnOrderedObjectOnOneLine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("z", 1);
    m.put("a", List.of(true, false));
    m.put("n", null);
    m.put("s", "текст");
    m.put("d", new BigDecimal("256.52"));

    assertEquals(
        "{\"z\":1,\"a\":[true,false],\"n\":null,\"s\":\"текст\",\"d\":256.52}", Json.write(m));
  }

  @Test
  void escapesQuotesBackslashAndControlCharacters() {
    assertEquals("\"a\\\"b\\\\c\"", Json.write("a\"b\\c"));
    assertEquals("\"\\n\\r\\t\\b\\f\"", Json.write("\n\r\t\b\f"));
    assertEquals("\"\\u0000\\u001f\\u007f\"", Json.write("\u0000\u001f\u007f"));
    assertEquals("\"/\"", Json.write("/"), "a slash needs no escape");
  }

  @Test
  void escapesLineAndParagraphSeparatorsSoALineStaysOneLine() {
    assertEquals("\"a\\u2028b\\u2029c\"", Json.write("a\u2028b\u2029c"));
  }

  @Test
  void keepsSurrogatePairsAndEscapesLoneSurrogates() {
    assertEquals("\"😀\"", Json.write("😀"));
    assertEquals("\"\\ud83d\"", Json.write("\ud83d"));
    assertEquals("\"\\ude00x\"", Json.write("\ude00x"));
    assertEquals("\ud83d", Json.parse(Json.write("\ud83d")));
  }

  @Test
  void writesNumbersOfEveryKind() {
    assertEquals(
        "[1,2,3,4,5.5,0.25,12345678901234567890,-1.5E+3]",
        Json.write(
            List.of(
                (byte) 1,
                (short) 2,
                3,
                4L,
                5.5d,
                0.25f,
                new BigInteger("12345678901234567890"),
                new BigDecimal("-1.5E+3"))));
  }

  @Test
  void writesArraysAndNestedStructures() {
    assertEquals("[[],{},[\"x\"]]", Json.write(new Object[] {List.of(), Map.of(), List.of("x")}));
  }

  @Test
  void refusesWhatJsonCannotHold() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    Map<Object, Object> intKey = new HashMap<>();
    intKey.put(1, "x");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.write(intKey));
    assertTrue(e.getMessage().contains("keys must be strings"), e.getMessage());
  }

  @Test
  void refusesASelfContainingStructureInsteadOfOverflowingTheStack() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Json.write(loop));
    assertTrue(e.getMessage().contains("64"), e.getMessage());
  }

  // ------------------------------------------------------------------ reading

  @Test
  void readsEveryKindOfValue() {
    Object v =
        Json.parse(
            " {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"b\": {\"c\": \"d\"}, \"e\": \"\"} ");

    Map<?, ?> m = assertInstanceOf(LinkedHashMap.class, v);
    assertEquals(List.of("a", "b", "e"), new ArrayList<>(m.keySet()));
    List<?> a = assertInstanceOf(ArrayList.class, m.get("a"));
    assertEquals(
        Arrays.asList(1L, -2L, new BigDecimal("3.5"), new BigDecimal("1e3"), true, false, null), a);
    assertEquals(Map.of("c", "d"), m.get("b"));
    assertEquals("", m.get("e"));
  }

  @Test
  void integersThatFitAreLongsAndTheRestBigDecimals() {
    assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
    assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
    assertEquals(new BigDecimal("9223372036854775808"), Json.parse("9223372036854775808"));
    assertEquals(0L, Json.parse("-0"));
    assertEquals(new BigDecimal("0.1"), Json.parse("0.1"));
    assertEquals(new BigDecimal("1E-7"), Json.parse("1E-7"));
    assertEquals(new BigDecimal("2.5e+2"), Json.parse("2.5e+2"));
  }

  @Test
  void readsEveryEscape() {
    assertEquals("\"\\/\b\f\n\r\t", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""));
    assertEquals("é€", Json.parse("\"\\u00e9\\u20AC\""));
    assertEquals("😀", Json.parse("\"\\ud83d\\ude00\""), "a surrogate pair given as escapes");
    assertEquals("😀", Json.parse("\"😀\""));
    assertEquals("\u2028", Json.parse("\"\u2028\""), "JSON allows U+2028 raw");
  }

  @Test
  void readsEmptyContainersAndWhitespaceEverywhere() {
    assertEquals(List.of(), Json.parse("[ ]"));
    assertEquals(Map.of(), Json.parse("{\r\n\t}"));
    assertEquals(List.of(List.of()), Json.parse(" [ [ ] ] "));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`` | unexpected end of input, expected a value at position 0",
        "`   ` | unexpected end of input, expected a value at position 3",
        "{ | unexpected end of input, expected a key at position 1",
        "{\"a\" | unexpected end of input, expected ':' at position 4",
        "{\"a\":1 | unexpected end of input, expected ',' or '}' at position 6",
        "{\"a\":1, | unexpected end of input, expected a key at position 7",
        "{\"a\":1,} | expected a string key at position 7",
        "{a:1} | expected a string key at position 1",
        "{\"a\" 1} | expected ':' at position 5",
        "{\"a\":1 \"b\":2} | expected ',' or '}' at position 7",
        "{\"a\":1,\"a\":2} | duplicate key \"a\" at position 7",
        "[1,] | unexpected ']', expected a value at position 3",
        "[1 2] | expected ',' or ']' at position 3",
        "[ | unexpected end of input, expected a value at position 1",
        "[1 | unexpected end of input, expected ',' or ']' at position 2",
        "\"abc | unexpected end of input inside a string at position 4",
        "\"a\\x\" | invalid escape \\x at position 3",
        "\"\\u12\" | invalid hex digit in a \\u escape at position 5",
        "\"\\u12 | unexpected end of input in a \\u escape at position 5",
        "01 | a number must not have a leading zero at position 1",
        "-01 | a number must not have a leading zero at position 2",
        "1. | unexpected end of input in a number at position 2",
        "1.e5 | expected a digit after '.' at position 2",
        "1e | unexpected end of input in a number at position 2",
        "1e+ | unexpected end of input in a number at position 3",
        "- | unexpected end of input in a number at position 1",
        "-a | expected a digit at position 1",
        ".5 | unexpected '.', expected a value at position 0",
        "+1 | unexpected '+', expected a value at position 0",
        "tru | unexpected end of input in 'true' at position 3",
        "nul | unexpected end of input in 'null' at position 3",
        "True | unexpected 'T', expected a value at position 0",
        "nulls | unexpected 's' after the value at position 4",
        "NaN | unexpected 'N', expected a value at position 0",
        "'a' | unexpected ''', expected a value at position 0",
        "1 2 | unexpected '2' after the value at position 2",
        "{}{} | unexpected '{' after the value at position 2",
        "1e999999999999 | number out of range at position 0",
      })
  void rejectsMalformedInputNamingWhatAndWhere(String input, String message) {
    Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(input));

    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsRawControlCharactersInStrings() {
    Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse("\"a\nb\""));
    assertEquals(
        "control character U+000A must be escaped in a string at position 2", e.getMessage());
    assertThrows(Json.ParseException.class, () -> Json.parse("\"\u0000\""));
  }

  @Test
  void rejectsWhitespaceJsonDoesNotKnow() {
    assertThrows(Json.ParseException.class, () -> Json.parse("\u00a01"));
    assertThrows(Json.ParseException.class, () -> Json.parse("\ufeff{}"), "no byte order mark");
    assertThrows(Json.ParseException.class, () -> Json.parse("[1,\u000b2]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\\u0٠00\"", "\"\\u００41\""})
  void hexEscapesTakeOnlyAsciiHexDigits(String input) {
    assertThrows(Json.ParseException.class, () -> Json.parse(input));
  }

  @Test
  void nestingUpToSixtyFourLevelsIsFineAndDeeperIsRefused() {
    String ok = "[".repeat(64) + "]".repeat(64);
    String tooDeep = "[".repeat(65) + "]".repeat(65);
    String objects = "{\"a\":".repeat(65) + "1" + "}".repeat(65);

    Json.parse(ok);
    Json.ParseException e = assertThrows(Json.ParseException.class, () -> Json.parse(tooDeep));
    assertEquals("JSON nested deeper than 64 levels at position 64", e.getMessage());
    assertThrows(Json.ParseException.class, () -> Json.parse(objects));
    assertThrows(
        Json.ParseException.class, () -> Json.parse("[".repeat(100_000)), "no stack overflow");
  }

  @Test
  void theWriterAcceptsExactlyTheDepthTheReaderDoes() {
    Object deep = List.of();
    for (int i = 1; i < 64; i++) {
      deep = List.of(deep);
    }
    Object tooDeep = List.of(deep);

    assertEquals(deep, Json.parse(Json.write(deep)));
    assertThrows(IllegalArgumentException.class, () -> Json.write(tooDeep));
  }

  @Test
  void theErrorPositionIsUsable() {
    Json.ParseException e =
        assertThrows(Json.ParseException.class, () -> Json.parse("{\"time\":\"2026"));

    assertEquals(13, e.position());
  }

  @Test
  void nullTextIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Json.parse(null));
  }

  // ------------------------------------------------------------------ round trips

  @Test
  void anAuditShapedRecordRoundTrips() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", "2026-01-15T09:30:00Z");
    m.put("actor", "freescout-user:5 agent@example.com");
    m.put("customerId", 31L);
    m.put("old", null);
    m.put("new", "Соляной \"8/1\"\n\u2028");

    assertEquals(m, Json.parse(Json.write(m)));
  }

  @Property(tries = 500)
  void everyStringRoundTripsAndStaysOnOneLine(@ForAll("anyText") String s) {
    String json = Json.write(s);

    assertEquals(s, Json.parse(json));
    assertTrue(json.chars().noneMatch(c -> c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029));
  }

  @Property(tries = 300)
  void nestedValuesRoundTrip(@ForAll("values") Object v) {
    assertEquals(v, Json.parse(Json.write(v)));
  }

  @Property(tries = 300)
  void arbitraryTextNeverFailsWithAnythingButAParseException(@ForAll("jsonish") String s) {
    try {
      Json.parse(s);
    } catch (Json.ParseException expected) {
      assertTrue(expected.position() >= 0 && expected.position() <= s.length());
    }
  }

  @Provide
  Arbitrary<String> anyText() {
    return Arbitraries.strings().all().ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> jsonish() {
    return Arbitraries.strings().withChars("{}[]\":,.-+eE0123456789tfnrulsa\\ \n").ofMaxLength(30);
  }

  @Provide
  Arbitrary<Object> values() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(10).map(s -> (Object) s),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.bigDecimals()
                .ofScale(3)
                .between(new BigDecimal("-1e6"), new BigDecimal("1e6"))
                .filter(d -> d.scale() > 0)
                .map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b));
    return Arbitraries.recursive(
        () -> leaf,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l)),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(5), inner)
                    .ofMaxSize(4)
                    .map(m -> (Object) new LinkedHashMap<>(m))),
        0,
        4);
  }

  @Test
  void nullIsAValueToo() {
    assertNull(Json.parse("null"));
    assertEquals("null", Json.write(null));
  }
}
