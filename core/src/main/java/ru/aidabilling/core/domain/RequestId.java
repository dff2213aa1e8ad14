package ru.aidabilling.core.domain;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * A request id that sorts by time: 26 Crockford base-32 characters (a ULID). It ties an answer, its
 * log lines and its audit records together.
 */
public record RequestId(String value) {
  private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  public RequestId {
    if (!wellFormed(value)) {
      throw new IllegalArgumentException("request id must be 1-64 characters of [0-9A-Za-z_-]");
    }
  }

  /** 1 to 64 characters of {@code [0-9A-Za-z_-]} (checked by hand: one per request). */
  private static boolean wellFormed(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public static RequestId generate() {
    return generate(Clock.systemUTC());
  }

  public static RequestId generate(Clock clock) {
    long time = clock.millis();
    char[] out = new char[26];
    for (int i = 9; i >= 0; i--) {
      out[i] = ALPHABET[(int) (time & 31)];
      time >>>= 5;
    }
    byte[] rnd = new byte[10];
    RANDOM.nextBytes(rnd);
    long hi = 0;
    for (int i = 0; i < 10; i++) {
      hi = (hi << 8) | (rnd[i] & 0xff);
      if (i == 4) {
        for (int j = 0; j < 8; j++) {
          out[10 + 7 - j] = ALPHABET[(int) (hi & 31)];
          hi >>>= 5;
        }
        hi = 0;
      }
    }
    for (int j = 0; j < 8; j++) {
      out[18 + 7 - j] = ALPHABET[(int) (hi & 31)];
      hi >>>= 5;
    }
    return new RequestId(new String(out));
  }

  @Override
  public String toString() {
    return value;
  }
}
