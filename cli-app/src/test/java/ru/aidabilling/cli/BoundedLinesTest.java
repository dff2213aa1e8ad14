package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLinesTest {
  static List<BoundedLines.Line> all(String text, int max) throws IOException {
    BoundedLines lines = new BoundedLines(new StringReader(text), max);
    List<BoundedLines.Line> out = new ArrayList<>();
    BoundedLines.Line l;
    while ((l = lines.next()) != null) {
      out.add(l);
    }
    return out;
  }

  static BoundedLines.Line ok(String text) {
    return new BoundedLines.Line(text, false);
  }

  @Test
  void endsLinesAtNewlinesOnlyDroppingTheCrOfACrLf() throws IOException {
    assertEquals(List.of(ok("a"), ok("b"), ok("c\r\rd")), all("a\nb\r\nc\r\rd", 100));
    assertEquals(
        List.of(ok("{\"a\":1,\r\"b\":2}"), ok("x")),
        all("{\"a\":1,\r\"b\":2}\nx\n", 100),
        "a lone CR is JSON white space inside the line");
    assertEquals(List.of(ok("abc")), all("abc\r\n", 3), "a CRLF after a full line is no excess");
    assertEquals(List.of(ok("ab\r")), all("ab\r", 3), "a CR at the very end stays");
    assertEquals(List.of(ok("last")), all("last", 100), "a last line without a newline");
    assertEquals(List.of(ok("x")), all("x\n", 100), "no empty line after the final newline");
    assertEquals(List.of(), all("", 100));
    assertEquals(List.of(ok(""), ok("")), all("\n\n", 100));
  }

  @Test
  void aLongLineKeepsItsStartAndIsMarkedTheNextIsWhole() throws IOException {
    assertEquals(List.of(new BoundedLines.Line("abc", true), ok("nxt")), all("abcdefgh\nnxt\n", 3));
    assertEquals(List.of(ok("abc")), all("abc\n", 3), "exactly the maximum is not too long");
  }

  @Test
  void aCrLfSplitAcrossTwoReadsIsOneLineEnd() throws IOException {
    String first = "a".repeat((1 << 16) - 1);
    List<BoundedLines.Line> lines = all(first + "\r\nb\n", 1 << 17);
    assertEquals(List.of(ok(first), ok("b")), lines);
  }
}
