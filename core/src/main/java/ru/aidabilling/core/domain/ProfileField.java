package ru.aidabilling.core.domain;

import java.util.Optional;

/** The FreeScout customer fields we write, named as FreeScout's API names them (camelCase). */
public enum ProfileField {
  FIRST_NAME("firstName", 255),
  LAST_NAME("lastName", 255),
  COMPANY("company", 65_535),
  ZIP("zip", 12),
  CITY("city", 255),
  ADDRESS("address", 255);

  private final String apiName;
  private final int maxLength;

  ProfileField(String apiName, int maxLength) {
    this.apiName = apiName;
    this.maxLength = maxLength;
  }

  /** The camelCase name used in patches, changes, audit records and reports. */
  public String apiName() {
    return apiName;
  }

  /** FreeScout's column size (zip is varchar(12)); longer values are cut by the database. */
  public int maxLength() {
    return maxLength;
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
