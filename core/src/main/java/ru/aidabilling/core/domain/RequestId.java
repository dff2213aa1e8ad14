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
    if (value == null || !value.matches("[0-9A-Za-z_-]{1,64}")) {
      throw new IllegalArgumentException("request id must be 1-64 characters of [0-9A-Za-z_-]");
    }
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
