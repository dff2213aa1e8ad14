package ru.aidabilling.core.domain;

import java.util.Objects;

/** One field's change: {@code newValue} null means the field was cleared. */
public record FieldChange(ProfileField field, String oldValue, String newValue) {
  public FieldChange {
    Objects.requireNonNull(field, "field");
    if (Objects.equals(oldValue, newValue)) {
      throw new IllegalArgumentException(
          "not a change: " + field + " stays " + Redacted.text(oldValue));
    }
  }

  /** For logs: the values reduced to a hint ({@link Redacted#text}), as they may be a name. */
  @Override
  public String toString() {
    return "FieldChange[field="
        + field
        + ", oldValue="
        + Redacted.text(oldValue)
        + ", newValue="
        + Redacted.text(newValue)
        + "]";
  }
}
