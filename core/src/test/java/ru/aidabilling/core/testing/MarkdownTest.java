package ru.aidabilling.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownTest {
  @TempDir Path dir;

  @Test
  void cellsEndAtBarsThatAreNeitherEscapedNorTicked() {
    assertEquals(
        List.of("`a | b`", "c | d", "`x`, `y`"),
        Markdown.cells("| `a | b` | c \\| d | `x`, `y` |"));
  }

  @Test
  void aSectionEndsAtTheNextHeadingOfItsLevelAndKnowsItsLines() throws Exception {
    Path file = dir.resolve("doc.md");
    Files.writeString(
        file,
        String.join(
            "\n",
            "# Title",
            "## One",
            "| a | b |",
            "|---|---|",
            "| `A`, `B` | 1 |",
            "### Sub",
            "## Two",
            "| a | b |",
            "|---|---|",
            "| C | 2 |"));
    Markdown one = Markdown.read(file, "doc.md").section("## One");

    List<Markdown.Row> rows = one.table();

    assertEquals(1, rows.size());
    assertEquals("doc.md:5", rows.get(0).where());
    assertEquals(List.of("A", "B"), Markdown.ticked(rows.get(0).cell(0)));
    assertEquals("", rows.get(0).cell(7));
    assertEquals(
        List.of("doc.md:2", "doc.md:6"),
        one.headings().stream().map(Markdown.Line::where).toList());
    assertEquals(
        "doc.md:10", Markdown.read(file, "doc.md").section("## Two").table("| a |").get(0).where());
  }
}
