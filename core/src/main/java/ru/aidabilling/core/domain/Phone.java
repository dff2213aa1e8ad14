package ru.aidabilling.core.domain;

/**
 * A phone number in E.164 form ({@code +79004445566}). Build one from free text with {@link
 * ru.aidabilling.core.parse.PhoneParser}; this record only guards the canonical form. {@link
 * #toString()} is masked for logs; the number itself is {@link #e164()}.
 */
public record Phone(String e164) {
  public Phone {
    if (!isE164(e164)) {
      throw new IllegalArgumentException("not an E.164 phone number: " + Redacted.phoneText(e164));
    }
  }

  /** {@code +}, a non-zero digit, then 6 to 14 digits (checked by hand: the parsers' hot path). */
  private static boolean isE164(String s) {
    if (s == null || s.length() < 8 || s.length() > 16 || s.charAt(0) != '+') {
      return false;
    }
    if (s.charAt(1) < '1' || s.charAt(1) > '9') {
      return false;
    }
    for (int i = 2; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** The digits without the leading {@code +}. */
  public String digits() {
    return e164.substring(1);
  }

  /** For logs: {@code +7900*****66}. */
  public String masked() {
    int keepHead = Math.min(5, e164.length());
    int keepTail = Math.min(2, e164.length() - keepHead);
    return e164.substring(0, keepHead)
        + "*".repeat(e164.length() - keepHead - keepTail)
        + e164.substring(e164.length() - keepTail);
  }

  /**
   * The masked number ({@link #masked()}), so that a phone logged by accident, alone or inside a
   * value that holds one, stays masked. Whatever is sent or stored takes {@link #e164()}.
   */
  @Override
  public String toString() {
    return masked();
  }
}
