package ru.aidabilling.core.outbound;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How the outbound adapters word times, sizes and upstream text in the Russian messages a support
 * agent reads.
 */
public final class AgentText {
  private AgentText() {}

  /** Seconds as people write them: {@code 5 с}, {@code 0,5 с}. */
  public static String seconds(Duration d) {
    BigDecimal s = BigDecimal.valueOf(d.toMillis()).movePointLeft(3).stripTrailingZeros();
    return s.toPlainString().replace('.', ',') + " с";
  }

  /** Text cut to a readable length, on one line. */
  public static String cut(String s, int max) {
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= max ? one : one.substring(0, max) + "…";
  }

  /** A size as people read it: {@code 1 МиБ}, {@code 512 КиБ}, {@code 100 байт}. */
  public static String bytes(long n) {
    if (n % (1024 * 1024) == 0) {
      return n / (1024 * 1024) + " МиБ";
    }
    if (n % 1024 == 0) {
      return n / 1024 + " КиБ";
    }
    return n + " байт";
  }
}
