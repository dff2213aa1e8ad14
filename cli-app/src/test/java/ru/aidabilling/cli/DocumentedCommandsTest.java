package ru.aidabilling.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import ru.aidabilling.core.testing.Markdown;
import ru.aidabilling.core.testing.Markdown.Row;

/**
 * docs/cli.md tells the commands as picocli builds them: every subcommand has a row in its command
 * table whose synopsis names each of the command's visible options and parameters; the global
 * options are named in its introduction; and every {@code bin/aida-billing …} line of a shell
 * example in README.md or docs/cli.md is a command line the CLI accepts.
 */
class DocumentedCommandsTest {
  private final List<String> drift = new ArrayList<>();

  @Test
  void everyOptionOfEveryCommandIsInItsRow() {
    Markdown doc = Markdown.project("docs/cli.md");
    List<Row> rows = doc.table("| command |");
    CommandLine root = CliApp.commandLine(context(), name -> true);
    String intro = intro(doc);
    for (OptionSpec o : root.getCommandSpec().options()) {
      if (!o.hidden() && !intro.contains(o.longestName())) {
        drift.add(
            "docs/cli.md, introduction (before the command table): the global option "
                + o.longestName()
                + " is not named");
      }
    }
    for (CommandLine sub : subcommands(root)) {
      CommandSpec spec = sub.getCommandSpec();
      String path = path(spec);
      List<String> own = new ArrayList<>();
      for (OptionSpec o : spec.options()) {
        if (!o.hidden() && !o.inherited() && !o.usageHelp() && !o.versionHelp()) {
          own.add(o.longestName());
        }
      }
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (!p.hidden()) {
          own.add(p.paramLabel());
        }
      }
      List<Row> mine =
          rows.stream()
              .filter(r -> Markdown.ticked(r.cell(0)).stream().anyMatch(t -> names(t, path)))
              .toList();
      if (mine.isEmpty()) {
        if (!own.isEmpty() || !doc.text().contains("aida-billing " + path)) {
          drift.add(
              "docs/cli.md: no row of the command table is `aida-billing "
                  + path
                  + " …`"
                  + (own.isEmpty() ? "" : " (its options: " + own + ")"));
        }
        continue;
      }
      String synopses = String.join(" ", mine.stream().map(r -> r.cell(0)).toList());
      for (String name : own) {
        if (!synopses.matches(
            "(?s).*(?<![\\w-])" + java.util.regex.Pattern.quote(name) + "(?![\\w-]).*")) {
          drift.add(
              mine.get(0).where()
                  + ": `aida-billing "
                  + path
                  + "` has "
                  + name
                  + ", which the row's synopsis does not name");
        }
      }
    }
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  @Test
  void everyCommandLineOfTheExamplesIsAccepted() {
    int lines = 0;
    for (String document : new String[] {"README.md", "docs/cli.md"}) {
      Markdown doc = Markdown.project(document);
      String[] text = doc.text().split("\n", -1);
      boolean bash = false;
      for (int i = 0; i < text.length; i++) {
        String line = text[i].strip();
        if (line.startsWith("```")) {
          bash = line.equals("```bash");
          continue;
        }
        int at = line.indexOf("bin/aida-billing ");
        if (!bash || at < 0 || line.startsWith("#")) {
          continue;
        }
        lines++;
        List<String> args = words(line.substring(at + "bin/aida-billing ".length()));
        try {
          CliApp.commandLine(context(), name -> true).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
          drift.add(
              doc.where(i)
                  + ": `aida-billing "
                  + String.join(" ", args)
                  + "` is refused: "
                  + e.getMessage());
        }
      }
    }
    assertTrue(lines >= 10, "found the examples: " + lines);
    assertEquals(List.of(), drift, String.join("\n", drift));
  }

  /**
   * Whether a ticked synopsis starts with {@code aida-billing PATH} and then a space or its end.
   */
  private static boolean names(String synopsis, String path) {
    String start = "aida-billing " + path;
    return synopsis.equals(start) || synopsis.startsWith(start + " ");
  }

  /** The text before the command table. */
  private static String intro(Markdown doc) {
    String text = doc.text();
    return text.substring(0, text.indexOf("| command |"));
  }

  /** {@code sync-all}, {@code config check}. */
  private static String path(CommandSpec spec) {
    return spec.qualifiedName(" ").substring("aida-billing ".length());
  }

  private static List<CommandLine> subcommands(CommandLine c) {
    List<CommandLine> out = new ArrayList<>();
    for (CommandLine sub : c.getSubcommands().values()) {
      out.add(sub);
      out.addAll(subcommands(sub));
    }
    return out;
  }

  /**
   * A shell line's words up to a comment, a pipe, a redirection or a closing parenthesis, with
   * quotes taken off; the brackets that mark an optional part ({@code [--json]}) are dropped.
   */
  static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (c == '#' || c == '|' || c == '>' || c == ')' || c == '\\') {
        break;
      } else if (c == ' ') {
        if (any || word.length() > 0) {
          out.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else if (c != '[' && c != ']') {
        word.append(c);
      }
    }
    if (any || word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }

  private static CliContext context() {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    CliIo io = new CliIo(new ByteArrayInputStream(new byte[0]), sink, sink, Map.of(), false, "t");
    PrintWriter w = new PrintWriter(sink);
    return new CliContext(io, w, w, new StopFlag(), (settings, gate) -> null, action -> {});
  }
}
