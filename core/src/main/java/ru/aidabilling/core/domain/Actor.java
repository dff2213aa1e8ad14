package ru.aidabilling.core.domain;

/**
 * Who asked for a change: {@code freescout-user:5 agent@example.com}, {@code operator:alice},
 * {@code webhook}. Printable ASCII only, at most 200 characters, so it is safe in headers and logs.
 */
public record Actor(String value) {
  public static final Actor WEBHOOK = new Actor("webhook");

  public Actor {
    if (value == null
        || value.isBlank()
        || value.length() > 200
        || !value.matches("[\\x20-\\x7E]+")) {
      throw new IllegalArgumentException("actor must be 1-200 printable ASCII characters");
    }
    value = value.strip();
  }

  public static Actor operator(String login) {
    return new Actor("operator:" + login);
  }

  @Override
  public String toString() {
    return value;
  }
}
