package ru.aidabilling.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A markdown document (README.md, docs/*.md) read for the tests that keep it in step with the code:
 * its sections by heading, its tables as rows of cells, the {@code `ticked`} words of a cell, and
 * where each came from ({@code docs/cli.md:57}) for a failure message. Deliberately simple: a table
 * is consecutive lines starting with {@code |}; a cell ends at a {@code |} that is neither escaped
 * ({@code \|}) nor inside backticks.
 */
public final class Markdown {
  private static final Pattern TICKED = Pattern.compile("`([^`]+)`");

  private final String name;
  private final List<String> lines;
  private final int firstLine;

  private Markdown(String name, List<String> lines, int firstLine) {
    this.name = name;
    this.lines = List.copyOf(lines);
    this.firstLine = firstLine;
  }

  /** The file, named in messages as {@code shownAs}. */
  public static Markdown read(Path file, String shownAs) {
    try {
      return new Markdown(shownAs, Files.readAllLines(file), 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The project's file at {@code relative} to the repository's root (README.md, docs/cli.md), from
   * a module's folder (where Maven runs its tests) or the root itself.
   */
  public static Markdown project(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("core"))
          && Files.isRegularFile(dir.resolve(relative))) {
        return read(dir.resolve(relative), relative);
      }
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  /** The whole text. */
  public String text() {
    return String.join("\n", lines);
  }

  /** {@code README.md:120}: where line {@code index} of this part is. */
  public String where(int index) {
    return name + ":" + (firstLine + index);
  }

  /**
   * The section under the first heading that starts with {@code heading} (e.g. {@code "##
   * Settings"}), up to the next heading of the same or a higher level.
   */
  public Markdown section(String heading) {
    int level = heading.indexOf(' ');
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(heading)) {
        int end = i + 1;
        while (end < lines.size() && !endsSection(lines.get(end), level)) {
          end++;
        }
        return new Markdown(name, lines.subList(i, end), firstLine + i);
      }
    }
    throw new AssertionError(name + " has no heading '" + heading + "'");
  }

  private static boolean endsSection(String line, int level) {
    int hashes = 0;
    while (hashes < line.length() && line.charAt(hashes) == '#') {
      hashes++;
    }
    return hashes > 0 && hashes <= level && line.length() > hashes && line.charAt(hashes) == ' ';
  }

  /** The headings of this part (lines starting with {@code #}), as written. */
  public List<Line> headings() {
    List<Line> out = new ArrayList<>();
    boolean fence = false;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.startsWith("```")) {
        fence = !fence;
      } else if (!fence && l.startsWith("#")) {
        out.add(new Line(where(i), l));
      }
    }
    return out;
  }

  /** One line and where it is. */
  public record Line(String where, String text) {}

  /**
   * The body rows of the {@code n}-th table (from 0) in this part, without its header and
   * separator.
   */
  public List<Row> table(int n) {
    int seen = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("|") && (i == 0 || !lines.get(i - 1).startsWith("|"))) {
        seen++;
        if (seen == n) {
          List<Row> rows = new ArrayList<>();
          for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
            rows.add(new Row(where(j), cells(lines.get(j))));
          }
          return rows;
        }
      }
    }
    throw new AssertionError(name + " (from line " + firstLine + ") has no table number " + n);
  }

  /** The body rows of the first table whose header line starts with {@code header}. */
  public List<Row> table(String header) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(header) && (i == 0 || !lines.get(i - 1).startsWith("|"))) {
        List<Row> rows = new ArrayList<>();
        for (int j = i + 2; j < lines.size() && lines.get(j).startsWith("|"); j++) {
          rows.add(new Row(where(j), cells(lines.get(j))));
        }
        return rows;
      }
    }
    throw new AssertionError(
        name + " (from line " + firstLine + ") has no table headed '" + header + "'");
  }

  /** The first table of this part. */
  public List<Row> table() {
    return table(0);
  }

  /** One table row: its cells (trimmed, without the outer bars) and where it is. */
  public record Row(String where, List<String> cells) {
    public String cell(int i) {
      return i < cells.size() ? cells.get(i) : "";
    }
  }

  static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean ticked = false;
    for (int i = 1; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '`') {
        ticked = !ticked;
        cell.append(c);
      } else if (c == '|' && !ticked) {
        cells.add(cell.toString().strip());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    if (!cell.toString().isBlank()) {
      cells.add(cell.toString().strip());
    }
    return cells;
  }

  /** The {@code `ticked`} words of a text, in order. */
  public static List<String> ticked(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TICKED.matcher(text);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
