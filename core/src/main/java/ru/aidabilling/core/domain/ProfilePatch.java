package ru.aidabilling.core.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A partial update of a FreeScout customer: fields to set (never blank) and fields to clear on
 * purpose. FreeScout clears a field on {@code null} or {@code ""}, so a clear must be asked for
 * explicitly and is never the accident of a blank value.
 */
public record ProfilePatch(Map<ProfileField, String> sets, Set<ProfileField> clears) {
  public ProfilePatch {
    EnumMap<ProfileField, String> s = new EnumMap<>(ProfileField.class);
    if (sets != null) {
      sets.forEach(
          (f, v) -> {
            if (Text.isBlank(v)) {
              throw new IllegalArgumentException("a patch never sets a blank value: " + f);
            }
            s.put(f, v);
          });
    }
    EnumSet<ProfileField> c = EnumSet.noneOf(ProfileField.class);
    if (clears != null) {
      c.addAll(clears);
    }
    for (ProfileField f : c) {
      if (s.containsKey(f)) {
        throw new IllegalArgumentException("a field is either set or cleared: " + f);
      }
    }
    sets = Collections.unmodifiableMap(s);
    clears = Collections.unmodifiableSet(c);
  }

  public static ProfilePatch empty() {
    return new ProfilePatch(Map.of(), Set.of());
  }

  public boolean isEmpty() {
    return sets.isEmpty() && clears.isEmpty();
  }

  public boolean touches(ProfileField f) {
    return sets.containsKey(f) || clears.contains(f);
  }

  /** The new value: present for a set, empty for a clear (or an untouched field). */
  public Optional<String> valueOf(ProfileField f) {
    return Optional.ofNullable(sets.get(f));
  }

  public ProfilePatch withSet(ProfileField f, String value) {
    EnumMap<ProfileField, String> s = new EnumMap<>(ProfileField.class);
    s.putAll(sets);
    s.put(f, value);
    EnumSet<ProfileField> c =
        clears.isEmpty() ? EnumSet.noneOf(ProfileField.class) : EnumSet.copyOf(clears);
    c.remove(f);
    return new ProfilePatch(s, c);
  }

  public ProfilePatch withClear(ProfileField f) {
    EnumMap<ProfileField, String> s = new EnumMap<>(ProfileField.class);
    s.putAll(sets);
    s.remove(f);
    EnumSet<ProfileField> c =
        clears.isEmpty() ? EnumSet.noneOf(ProfileField.class) : EnumSet.copyOf(clears);
    c.add(f);
    return new ProfilePatch(s, c);
  }
}
