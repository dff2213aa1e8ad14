package ru.aidabilling.cli.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Error messages quote what the operator typed; what they typed must not become extra lines, screen
 * control or a megabyte of stderr. (Before: {@code sync $'31\nX: y'} printed two lines, a terminal
 * escape in an argument reached the terminal, a 1 MiB argument came back whole.)
 */
class EchoedInputTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "31\nInjected: line",
        "31\r\nInjected: line",
        "\u001b[2J\u001b[31m31",
        "31\u202Eevil",
        "31\u0000",
        "huge"
      })
  void aQuotedArgumentStaysOneShortPrintableLine(String arg) {
    String typed = arg.equals("huge") ? "9".repeat(1024 * 1024) + "x" : arg;

    InProcessCli.Run r = InProcessCli.run("sync", typed);

    assertEquals(2, r.exit(), r.toString());
    String first = r.err().lines().findFirst().orElse("");
    assertTrue(first.startsWith("aida-billing: "), first);
    assertTrue(first.length() < 400, "short: " + first.length());
    assertTrue(r.err().lines().noneMatch(l -> l.startsWith("Injected")), r.err());
    assertFalse(r.err().contains("\u001b"), r.err());
    assertFalse(r.err().contains("\u202E"), r.err());
    assertFalse(r.err().contains("\u0000"), r.err());
  }
}
