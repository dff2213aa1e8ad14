package ru.aidabilling.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.Phone;

/**
 * Runs every line of {@code shared/examples/parse-examples.jsonl} (the spec's worked examples)
 * through the three parsers. The file lives beside the repository, so it is found by walking up
 * from the working directory; a missing file fails the build rather than skipping the floor.
 */
class ParseExamplesTest {
  private static final String EXAMPLES = "shared/examples/parse-examples.jsonl";

  static Path examplesFile() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve(EXAMPLES);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    fail("cannot find " + EXAMPLES + " above " + dir + " (the repo expects shared/ beside it)");
    return null;
  }

  static Stream<Arguments> examples() throws IOException {
    List<String> lines = Files.readAllLines(examplesFile(), StandardCharsets.UTF_8);
    List<Arguments> out = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (!line.isEmpty()) {
        out.add(Arguments.of(n + 1, line));
      }
    }
    return out.stream();
  }

  @Test
  void theExampleFileHasLinesForEveryParser() throws IOException {
    List<Arguments> all = examples().toList();
    assertTrue(all.size() >= 20, "expected the full example file, got " + all.size() + " lines");
    String text = Files.readString(examplesFile(), StandardCharsets.UTF_8);
    assertTrue(
        text.contains("\"name\"") && text.contains("\"address\"") && text.contains("\"phone\""));
  }

  @ParameterizedTest(name = "line {0}")
  @MethodSource("examples")
  void matchesExample(int lineNo, String line) {
    Map<String, Object> doc = MiniJson.object(line);
    Map<String, Object> input = map(doc.get("input"));
    Map<String, Object> expected = map(doc.get("expected"));
    assertFalse(expected.isEmpty(), "line " + lineNo + " expects nothing");
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      switch (e.getKey()) {
        case "name" ->
            compare(
                lineNo,
                "name",
                nameFields(NameParser.parse((String) input.get("name"))),
                e.getValue());
        case "address" ->
            compare(
                lineNo,
                "address",
                addressFields(AddressParser.parse((String) input.get("address"))),
                e.getValue());
        case "phone" ->
            assertEquals(
                e.getValue(),
                PhoneParser.parse((String) input.get("phone")).map(Phone::e164).orElse(null),
                "line " + lineNo + " phone of " + input.get("phone"));
        default -> fail("line " + lineNo + ": unknown expected key " + e.getKey());
      }
    }
  }

  private static void compare(int lineNo, String what, Map<String, Object> actual, Object exp) {
    Map<String, Object> expected = map(exp);
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      assertTrue(actual.containsKey(e.getKey()), what + " has no field " + e.getKey());
      assertEquals(
          e.getValue(),
          actual.get(e.getKey()),
          "line " + lineNo + " " + what + "." + e.getKey() + " (got " + actual + ")");
    }
  }

  static Map<String, Object> nameFields(ParsedName n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", n.kind().name());
    m.put("last", n.last());
    m.put("first", n.first());
    m.put("middle", n.middle());
    m.put("org", n.org());
    return m;
  }

  static Map<String, Object> addressFields(ParsedAddress a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("postcode", a.postcode());
    m.put("region", a.region());
    m.put("district", a.district());
    m.put("settlementType", a.settlementType());
    m.put("settlement", a.settlement());
    m.put("streetType", a.streetType());
    m.put("street", a.street());
    m.put("house", a.house());
    m.put("block", a.block());
    m.put("flat", a.flat());
    m.put("unparsed", a.unparsed());
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    if (!(o instanceof Map)) {
      throw new IllegalArgumentException("expected a JSON object, got " + o);
    }
    return (Map<String, Object>) o;
  }
}
