package ru.aidabilling.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code parse --jsonl}: reads stdin line by line and writes one output line per input line, in
 * order, so memory stays flat whatever the input's length. A line that is not a JSON object (a
 * blank line included, so that output line N always answers input line N) gives {@code {"error":
 * "...", "line": N}} and parsing goes on.
 */
final class JsonlParse {
  /**
   * The longest line read (1 Mi characters); a longer one gets an error line, memory stays flat.
   */
  static final int MAX_LINE = 1 << 20;

  private final ObjectMapper json;
  private final ObjectWriter writer;

  JsonlParse(ObjectMapper json) {
    this.json = json;
    this.writer = json.writer();
  }

  /**
   * @return the number of lines read
   */
  long run(InputStream in, PrintWriter out) throws IOException {
    BoundedLines reader =
        new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE);
    long n = 0;
    BoundedLines.Line read;
    while ((read = reader.next()) != null) {
      n++;
      String line = read.text();
      if (n == 1 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      Map<String, Object> answer =
          read.tooLong()
              ? error("line longer than " + MAX_LINE + " characters: not read", n)
              : answer(line, n);
      out.write(writer.writeValueAsString(answer));
      out.write('\n');
      if ((n & 1023) == 0 && out.checkError()) {
        break; // the reader of our output went away (e.g. `| head`): stop quietly
      }
    }
    out.flush();
    return n;
  }

  Map<String, Object> answer(String line, long n) {
    if (line.isBlank()) {
      return error("empty line: expected a JSON object", n);
    }
    if (line.indexOf('\uFFFD') >= 0) {
      // what the decoder makes of bytes that are not UTF-8 (a windows-1251 export, say)
      return error("not UTF-8 text: convert the file first (iconv -f cp1251 -t utf-8)", n);
    }
    JsonNode node;
    try {
      node = json.readTree(line);
    } catch (JsonProcessingException e) {
      return error("not valid JSON: " + e.getOriginalMessage(), n);
    }
    if (node == null || !node.isObject()) {
      return error("not a JSON object", n);
    }
    String[] values = new String[3];
    String[] keys = {"name", "address", "phone"};
    for (int i = 0; i < keys.length; i++) {
      JsonNode v = node.get(keys[i]);
      if (v == null || v.isNull()) {
        continue;
      }
      if (!(v.isTextual() || v.isNumber())) {
        return error("\"" + keys[i] + "\" must be a string", n);
      }
      values[i] = v.asText();
    }
    return ParsedLine.of(values[0], values[1], values[2]);
  }

  private static Map<String, Object> error(String message, long line) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    m.put("line", line);
    return m;
  }
}
