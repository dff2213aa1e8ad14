package ru.aidabilling.core.domain;

import java.util.Optional;

/** The FreeScout customer fields we write, named as FreeScout's API names them (camelCase). */
public enum ProfileField {
  FIRST_NAME("firstName", 255, Integer.MAX_VALUE),
  LAST_NAME("lastName", 255, Integer.MAX_VALUE),
  // TEXT: 65 535 bytes, not characters (32 767 Cyrillic letters)
  COMPANY("company", 65_535, 65_535),
  ZIP("zip", 12, Integer.MAX_VALUE),
  CITY("city", 255, Integer.MAX_VALUE),
  ADDRESS("address", 255, Integer.MAX_VALUE);

  private final String apiName;
  private final int maxLength;
  private final int maxBytes;

  ProfileField(String apiName, int maxLength, int maxBytes) {
    this.apiName = apiName;
    this.maxLength = maxLength;
    this.maxBytes = maxBytes;
  }

  /** The camelCase name used in patches, changes, audit records and reports. */
  public String apiName() {
    return apiName;
  }

  /**
   * FreeScout's column size in characters (zip is varchar(12)); longer values are cut by the
   * database. See {@link #cut}, which also keeps a TEXT column's byte limit.
   */
  public int maxLength() {
    return maxLength;
  }

  /**
   * {@code value} cut as FreeScout's database cuts it: to {@link #maxLength} characters (code
   * points, as MariaDB counts them in utf8mb4, never half a surrogate pair), and for a TEXT column
   * to 65 535 bytes of UTF-8 on a character boundary. Null stays null.
   */
  public String cut(String value) {
    if (value == null) {
      return null;
    }
    String v = value;
    if (v.codePointCount(0, v.length()) > maxLength) {
      v = v.substring(0, v.offsetByCodePoints(0, maxLength));
    }
    if (maxBytes != Integer.MAX_VALUE && v.length() > maxBytes / 3) {
      int bytes = 0;
      for (int i = 0; i < v.length(); ) {
        int cp = v.codePointAt(i);
        int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (bytes + n > maxBytes) {
          return v.substring(0, i);
        }
        bytes += n;
        i += Character.charCount(cp);
      }
    }
    return v;
  }

  public static Optional<ProfileField> fromApiName(String name) {
    for (ProfileField f : values()) {
      if (f.apiName.equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return apiName;
  }
}
