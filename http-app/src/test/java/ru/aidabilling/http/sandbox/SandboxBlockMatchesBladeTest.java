package ru.aidabilling.http.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sandbox page renders the module's block as FreeScout renders {@code
 * partials/profile_block.blade.php}: the same elements in the same order with the same attributes
 * (names, and values wherever Blade writes a constant: classes, ids, {@code aria-*}, {@code
 * target}, {@code rel}), so that module.js, module.css and axe meet on the sandbox what they meet
 * on FreeScout. The one documented difference: no {@code data-labels} (module.js's defaults are the
 * module's ru.json texts).
 */
class SandboxBlockMatchesBladeTest {
  private static final Path BLADE =
      Path.of("../freescout-module/AidaBilling/Resources/views/partials/profile_block.blade.php");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-z]+)((?:[^>\"]|\"[^\"]*\")*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([a-z-]+)(?:=\"([^\"]*)\")?");
  private static final String VARIABLE = "{{…}}";

  @Test
  void theSandboxBlockHasTheBladeViewsElementsAndAttributes() throws IOException {
    String blade = Files.readString(BLADE, StandardCharsets.UTF_8);
    blade = blade.replaceAll("(?s)\\{\\{--.*?--}}", ""); // Blade comments render nothing
    // the sandbox renders the first block (seed ids on) of a customer with an amoCRM link
    blade = blade.replaceAll("@if \\((?:[^()]|\\([^()]*\\))*\\)", "").replace("@endif", "");
    blade = blade.replaceAll("(?s)\\{\\{.*?}}", VARIABLE);
    FakeCustomer seed =
        new SandboxSeed().customers.stream().filter(c -> c.id() == 31).findFirst().orElseThrow();
    StringBuilder sandbox = new StringBuilder();
    DemoPage.moduleBlock(sandbox, seed, 12);

    List<Tag> fromBlade = tags(blade);
    fromBlade.forEach(t -> t.attributes().remove("data-labels"));
    List<Tag> fromSandbox = tags(sandbox.toString());
    assertTrue(fromBlade.size() > 8, fromBlade.toString());
    assertEquals(fromBlade.size(), fromSandbox.size(), fromBlade + "\n" + fromSandbox);
    for (int i = 0; i < fromBlade.size(); i++) {
      Tag b = fromBlade.get(i);
      Tag s = fromSandbox.get(i);
      // where Blade fills a value in (and for every data-* value), only the name must match
      s.attributes().replaceAll((k, v) -> VARIABLE.equals(b.attributes().get(k)) ? VARIABLE : v);
      assertEquals(b, s, "tag " + i);
    }
  }

  /**
   * A start tag (its attributes sorted; a value Blade fills in as {@link #VARIABLE}) or an end tag.
   */
  private record Tag(String name, TreeMap<String, String> attributes) {}

  private static List<Tag> tags(String html) {
    List<Tag> tags = new ArrayList<>();
    Matcher tag = TAG.matcher(html);
    while (tag.find()) {
      TreeMap<String, String> attributes = new TreeMap<>();
      Matcher a = ATTRIBUTE.matcher(tag.group(3));
      while (a.find()) {
        String value = a.group(2) == null ? "" : a.group(2);
        boolean variable = value.contains(VARIABLE) || a.group(1).startsWith("data-");
        attributes.put(a.group(1), variable ? VARIABLE : value);
      }
      tags.add(new Tag(tag.group(1) + tag.group(2), attributes));
    }
    return tags;
  }
}
