package ru.aidabilling.core.domain;

/**
 * Who asked for a change: {@code freescout-user:5 agent@example.com}, {@code operator:alice},
 * {@code webhook}. Printable ASCII only, at most 200 characters, so it is safe in headers and logs.
 */
public record Actor(String value) {
  public static final Actor WEBHOOK = new Actor("webhook");

  public Actor {
    if (value == null || value.isBlank() || value.length() > 200 || !printableAscii(value)) {
      throw new IllegalArgumentException("actor must be 1-200 printable ASCII characters");
    }
    value = value.strip();
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code operator:<login>}.
   *
   * @throws IllegalArgumentException when the login is missing or blank, or the result is not 1-200
   *     printable ASCII characters
   */
  public static Actor operator(String login) {
    if (login == null || login.isBlank()) {
      throw new IllegalArgumentException("an operator actor needs a login");
    }
    return new Actor("operator:" + login);
  }

  @Override
  public String toString() {
    return value;
  }
}
