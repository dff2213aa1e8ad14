package ru.aidabilling.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The adapters' log records through the real program ({@code CliApp.main} in its own JVM): none by
 * default, one UTF-8 line each with {@code --verbose}, never the JDK's own two-line console format.
 */
class LogLinesProcessTest {
  // port 9 (discard) on loopback: nothing listens, so billing is refused at once
  static final List<String> LOOKUP = List.of("lookup", "--phone", "+79004445566");

  @Test
  void anUnreachableBillingIsOneMessageWithoutTheAdaptersWarning() throws Exception {
    BadSettingsProcessTest.Result r =
        BadSettingsProcessTest.runMain(BadSettingsProcessTest.good(), LOOKUP);

    assertTrue(r.exit() != 0, r.toString());
    assertTrue(r.err().startsWith("aida-billing: "), r.err());
    assertFalse(r.err().contains("warning"), r.err());
    assertNoJdkConsoleFormat(r.err());
  }

  @Test
  void verboseShowsEachWarningOnceInOneLine() throws Exception {
    List<String> args = new java.util.ArrayList<>(LOOKUP);
    args.add("--verbose");
    BadSettingsProcessTest.Result r =
        BadSettingsProcessTest.runMain(BadSettingsProcessTest.good(), args);

    List<String> warnings =
        r.err().lines().filter(l -> l.startsWith("aida-billing: warning: ")).toList();
    assertEquals(1, warnings.size(), r.err());
    assertNoJdkConsoleFormat(r.err());
  }

  /** SimpleFormatter's lines: a date and the logger's class, then "WARNING: message". */
  static void assertNoJdkConsoleFormat(String err) {
    assertFalse(err.contains("WARNING:"), err);
    assertFalse(err.contains("HttpBillingDirectory"), err);
  }
}
