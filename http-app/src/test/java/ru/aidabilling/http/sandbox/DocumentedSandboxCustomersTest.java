package ru.aidabilling.http.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.testing.Markdown;

/**
 * The documents name the sandbox's customers the seed has: docs/sandbox.md's table has a row for
 * each and no other, and every range of them in README.md ("customers 31–41") ends at the last.
 */
class DocumentedSandboxCustomersTest {
  private static final Pattern RANGE = Pattern.compile("[Cc]ustomers (\\d+)[–-](\\d+)");

  private final List<Long> ids = new SandboxSeed().cases.stream().map(SandboxCase::id).toList();

  @Test
  void theSandboxDocsTableHasARowForEveryCustomer() {
    List<Long> documented = new ArrayList<>();
    for (Markdown.Row row :
        Markdown.project("docs/sandbox.md").section("## Customers").table("| id |")) {
      documented.add(Long.parseLong(row.cell(0)));
    }
    assertEquals(ids, documented);
  }

  @Test
  void everyRangeOfSandboxCustomersInTheReadmeEndsAtTheLastOne() {
    Markdown readme = Markdown.project("README.md");
    Matcher m = RANGE.matcher(readme.text());
    List<String> wrong = new ArrayList<>();
    int ranges = 0;
    while (m.find()) {
      ranges++;
      long first = Long.parseLong(m.group(1));
      long last = Long.parseLong(m.group(2));
      if (!ids.contains(first) || last != ids.get(ids.size() - 1)) {
        wrong.add(m.group() + " (the sandbox's customers are " + ids + ")");
      }
    }
    assertFalse(ranges == 0, "README.md names no range of sandbox customers");
    assertEquals(List.of(), wrong);
  }
}
