package ru.aidabilling.core.domain;

import java.util.Objects;

/** One field's change: {@code newValue} null means the field was cleared. */
public record FieldChange(ProfileField field, String oldValue, String newValue) {
  public FieldChange {
    Objects.requireNonNull(field, "field");
    if (Objects.equals(oldValue, newValue)) {
      throw new IllegalArgumentException("not a change: " + field + " stays " + oldValue);
    }
  }
}
