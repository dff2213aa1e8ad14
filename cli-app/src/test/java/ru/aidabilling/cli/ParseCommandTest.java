package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code parse} and {@code parse --jsonl} (spec 8), with no upstream setting at all. */
class ParseCommandTest {

  @Test
  void singleValuesGiveTheOutputShapeWithNullForWhatIsMissing() {
    Cli.Run r =
        Cli.create()
            .run("parse", "--name", "Новичков Тарас Викторович", "--phone", "8 (900) 444-55-66");
    assertEquals(0, r.exit(), r.toString());
    JsonNode out = r.json();
    assertEquals(List.of("name", "address", "phone"), fieldNames(out));
    assertEquals("PERSON", out.get("name").get("kind").asText());
    assertEquals(List.of("kind", "last", "first", "middle", "org"), fieldNames(out.get("name")));
    assertTrue(out.get("address").isNull());
    assertEquals("+79004445566", out.get("phone").asText());
  }

  @Test
  void anInvalidPhoneIsNull() {
    JsonNode out = Cli.create().run("parse", "--phone", "+1 212 555 0100").json();
    assertTrue(out.get("phone").isNull());
    assertTrue(out.get("name").isNull());
  }

  @Test
  void parseWithoutInputIsAUsageError() {
    assertEquals(2, Cli.create().run("parse").exit());
    assertEquals(2, Cli.create().run("parse", "--jsonl", "--name", "x").exit());
  }

  /** Every worked example: its input as one JSONL line, its expected fields in the output. */
  @Test
  void jsonlRefusesALineThatIsNotUtf8AndGoesOn() throws IOException {
    byte[] cp1251 = "{\"name\":\"Иванов Иван Иванович\"}\n".getBytes("windows-1251");
    byte[] utf8 = "{\"phone\":\"89004445566\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] both = new byte[cp1251.length + utf8.length];
    System.arraycopy(cp1251, 0, both, 0, cp1251.length);
    System.arraycopy(utf8, 0, both, cp1251.length, utf8.length);
    Cli.Run r = Cli.create().stdin(new java.io.ByteArrayInputStream(both)).run("parse", "--jsonl");
    assertEquals(0, r.exit(), r.toString());
    List<String> out = r.outLines();
    assertEquals(2, out.size(), r.out());
    assertTrue(out.get(0).contains("not UTF-8 text"), out.get(0));
    assertTrue(out.get(0).contains("\"line\":1"), out.get(0));
    assertTrue(out.get(1).contains("+79004445566"), out.get(1));
  }

  @Test
  void jsonlKeepsOneAnswerPerLineWhenALineHoldsABareCr() {
    Cli.Run r =
        Cli.create()
            .stdin(
                "{\"name\":\"Иванов Иван\",\r\"phone\":\"89004445566\"}\n{\"name\":\"Петров\"}\n")
            .run("parse", "--jsonl");
    List<String> out = r.outLines();
    assertEquals(2, out.size(), r.out());
    assertTrue(out.get(0).contains("+79004445566"), out.get(0));
  }

  @Test
  void jsonlMatchesEveryWorkedExample() throws IOException {
    List<String> lines = Files.readAllLines(SharedFiles.find("examples/parse-examples.jsonl"));
    List<JsonNode> examples = new ArrayList<>();
    StringBuilder stdin = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode example = Cli.JSON.readTree(line);
      examples.add(example);
      stdin.append(Cli.JSON.writeValueAsString(example.get("input"))).append('\n');
    }
    Cli.Run r = Cli.create().stdin(stdin.toString()).run("parse", "--jsonl");
    assertEquals(0, r.exit(), r.err());
    List<String> out = r.outLines();
    assertEquals(examples.size(), out.size());
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < examples.size(); i++) {
      JsonNode actual = Cli.JSON.readTree(out.get(i));
      JsonNode input = examples.get(i).get("input");
      for (String key : List.of("name", "address", "phone")) {
        if (!input.has(key)) {
          if (!actual.get(key).isNull()) {
            mismatches.add("line " + (i + 1) + ": " + key + " should be null: " + actual);
          }
        }
      }
      Iterator<Map.Entry<String, JsonNode>> expected = examples.get(i).get("expected").fields();
      while (expected.hasNext()) {
        Map.Entry<String, JsonNode> e = expected.next();
        JsonNode got = actual.get(e.getKey());
        if (e.getValue().isObject()) {
          e.getValue()
              .fields()
              .forEachRemaining(
                  f -> {
                    if (got == null || !f.getValue().equals(got.get(f.getKey()))) {
                      mismatches.add(
                          "line "
                              + input
                              + ": "
                              + e.getKey()
                              + "."
                              + f.getKey()
                              + " expected "
                              + f.getValue()
                              + " got "
                              + (got == null ? null : got.get(f.getKey())));
                    }
                  });
        } else if (!e.getValue().equals(got)) {
          mismatches.add(
              "line " + input + ": " + e.getKey() + " expected " + e.getValue() + " got " + got);
        }
      }
    }
    assertTrue(mismatches.isEmpty(), String.join("\n", mismatches));
  }

  @Test
  void aLineThatIsNotAJsonObjectGivesAnErrorLineAndParsingGoesOn() throws IOException {
    String stdin =
        String.join(
                "\n",
                "{\"phone\": \"89004445566\"}",
                "this is not json",
                "[1, 2]",
                "",
                "{\"name\": {\"nested\": true}}",
                "{\"phone\": \"89004445566\"} trailing",
                "{\"name\": null, \"phone\": 89004445566}",
                "{\"address\": \"поселок Соляной Набережная 8/1\"}")
            + "\n";
    Cli.Run r = Cli.create().stdin(stdin).run("parse", "--jsonl");
    assertEquals(0, r.exit(), r.toString());
    List<String> out = r.outLines();
    assertEquals(8, out.size(), r.out());
    assertEquals("+79004445566", Cli.JSON.readTree(out.get(0)).get("phone").asText());
    for (int line : new int[] {2, 3, 4, 5, 6}) {
      JsonNode err = Cli.JSON.readTree(out.get(line - 1));
      assertEquals(List.of("error", "line"), fieldNames(err), out.get(line - 1));
      assertEquals(line, err.get("line").asInt());
      assertTrue(!err.get("error").asText().isBlank());
    }
    JsonNode seven = Cli.JSON.readTree(out.get(6));
    assertTrue(seven.get("name").isNull());
    assertEquals("+79004445566", seven.get("phone").asText());
    JsonNode eight = Cli.JSON.readTree(out.get(7));
    assertTrue(eight.get("address").isObject());
    assertTrue(eight.get("name").isNull());
  }

  @Test
  void streamsAHundredThousandLinesOneOutputLinePerInputLine() throws IOException {
    int lines = 100_000;
    InputStream generated = new GeneratedLines(lines);
    StringWriter sink = new StringWriter();
    CountingWriter counting = new CountingWriter();
    long read = new JsonlParse(Cli.JSON).run(generated, new PrintWriter(counting));
    assertEquals(lines, read);
    assertEquals(lines, counting.newlines);
    assertTrue(sink.toString().isEmpty());
    assertTrue(
        counting.last.contains(
            "\"phone\":\"+79004" + String.format("%06d", (lines - 1) % 1_000_000) + "\""),
        counting.last);
  }

  @Test
  void theFirstLineMayStartWithAByteOrderMark() {
    Cli.Run r =
        Cli.create()
            .stdin(
                new ByteArrayInputStream(
                    "\uFEFF{\"phone\":\"89004445566\"}\n".getBytes(StandardCharsets.UTF_8)))
            .run("parse", "--jsonl");
    assertEquals("+79004445566", r.json().get("phone").asText());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Input lines made on the fly, so the test itself holds none of them. */
  private static final class GeneratedLines extends InputStream {
    private final int total;
    private int next;
    private byte[] current = new byte[0];
    private int pos;

    GeneratedLines(int total) {
      this.total = total;
    }

    @Override
    public int read() {
      if (pos == current.length) {
        if (next == total) {
          return -1;
        }
        current =
            ("{\"name\":\"Иванов Иван Иванович\",\"phone\":\"89004"
                    + String.format("%06d", next % 1_000_000)
                    + "\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        pos = 0;
        next++;
      }
      return current[pos++] & 0xff;
    }
  }

  /** Counts output lines and keeps only the last one. */
  private static final class CountingWriter extends java.io.Writer {
    long newlines;
    String last = "";
    private final StringBuilder line = new StringBuilder();

    @Override
    public void write(char[] buf, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          newlines++;
          last = line.toString();
          line.setLength(0);
        } else {
          line.append(buf[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Test
  void aLineOverTheLimitGetsAnErrorLineAndTheNextIsRead() throws IOException {
    String huge = "{\"name\": \"" + "я".repeat(JsonlParse.MAX_LINE) + "\"}";
    Cli.Run r =
        Cli.create().stdin(huge + "\n{\"name\": \"Иванов Иван\"}\n").run("parse", "--jsonl");

    assertEquals(0, r.exit(), r.err());
    List<String> out = r.outLines();
    assertEquals(2, out.size());
    JsonNode first = Cli.JSON.readTree(out.get(0));
    assertEquals(1, first.get("line").asInt());
    assertTrue(first.get("error").asText().startsWith("line longer than"), first.toString());
    assertEquals("Иванов", Cli.JSON.readTree(out.get(1)).get("name").get("last").asText());
  }
}
