package ru.aidabilling.core.domain;

/** How the billing system wants a phone number written in its query string. */
public enum PhoneFormat {
  /** {@code +79004445566} */
  E164,
  /** {@code 79004445566} */
  DIGITS11,
  /** {@code 89004445566} */
  NATIONAL8,
  /** {@code 9004445566} */
  DIGITS10;

  public String format(Phone phone) {
    String digits = phone.digits();
    boolean russian = digits.length() == 11 && digits.startsWith("7");
    return switch (this) {
      case E164 -> phone.e164();
      case DIGITS11 -> digits;
      case NATIONAL8 -> russian ? "8" + digits.substring(1) : digits;
      case DIGITS10 -> russian ? digits.substring(1) : digits;
    };
  }
}
