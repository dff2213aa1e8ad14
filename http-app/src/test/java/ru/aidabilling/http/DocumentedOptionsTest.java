package ru.aidabilling.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.testing.Markdown;

/**
 * The options of {@code aida-billing-http} are documented where operators look for them: the
 * options table of docs/http-api.md names exactly the options of the service's own {@code --help},
 * each of them is one the command line accepts, and the README's usage line names no other.
 */
class DocumentedOptionsTest {
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");

  @Test
  void httpApiTableNamesEveryOptionOfTheHelpAndNoOther() {
    Set<String> documented = new TreeSet<>();
    for (Markdown.Row row : Markdown.project("docs/http-api.md").table("| option |")) {
      for (String ticked : Markdown.ticked(row.cell(0))) {
        documented.add(ticked.split(" ")[0]);
      }
    }
    assertEquals(helpOptions(), documented, "docs/http-api.md's option table against --help");
  }

  @Test
  void everyDocumentedOptionIsAccepted() {
    for (String option : helpOptions()) {
      List<String> args = new ArrayList<>(List.of(option));
      if (takesValue(option)) {
        args.add(option.equals("--port") ? "8900" : "x");
      }
      Cli cli = assertDoesNotThrow(() -> Cli.parse(args.toArray(String[]::new)), option);
      assertTrue(
          cli.sandbox() || cli.help() || cli.config().isPresent() || !cli.overrides().isEmpty(),
          option + " was accepted but changed nothing");
    }
  }

  @Test
  void readmeUsageNamesOnlyRealOptions() {
    String readme = Markdown.project("README.md").text();
    Set<String> named = new TreeSet<>();
    for (String line : readme.split("\n")) {
      if (line.startsWith("bin/aida-billing-http ")) {
        Matcher m = OPTION.matcher(line.replaceAll("#.*", ""));
        while (m.find()) {
          named.add(m.group());
        }
      }
    }
    assertTrue(!named.isEmpty(), "the README shows how to start bin/aida-billing-http");
    assertTrue(
        helpOptions().containsAll(named),
        "README names " + named + ", --help has " + helpOptions());
  }

  /** The options the usage text lists, one per line in its option block. */
  private static Set<String> helpOptions() {
    Set<String> options = new TreeSet<>();
    for (String line : Cli.USAGE.split("\n")) {
      Matcher m = Pattern.compile("^  (--[a-z][a-z-]*)").matcher(line);
      if (m.find()) {
        options.add(m.group(1));
      }
    }
    assertTrue(options.size() >= 5, "the usage text lists its options: " + options);
    return options;
  }

  private static boolean takesValue(String option) {
    return Cli.USAGE.lines().anyMatch(l -> l.matches("^  " + option + " [A-Z]+ .*"));
  }
}
