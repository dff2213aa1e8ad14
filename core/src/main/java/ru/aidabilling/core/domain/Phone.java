package ru.aidabilling.core.domain;

import java.util.regex.Pattern;

/**
 * A phone number in E.164 form ({@code +79004445566}). Build one from free text with {@link
 * ru.aidabilling.core.parse.PhoneParser}; this record only guards the canonical form.
 */
public record Phone(String e164) {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

  public Phone {
    if (e164 == null || !E164.matcher(e164).matches()) {
      throw new IllegalArgumentException("not an E.164 phone number: " + e164);
    }
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

  @Override
  public String toString() {
    return e164;
  }
}
