package ru.aidabilling.core.domain;

/** A billing full name split into parts (spec 6). Parts are null, never empty strings. */
public record ParsedName(Kind kind, String last, String first, String middle, String org) {
  public enum Kind {
    PERSON,
    ORGANIZATION,
    UNKNOWN
  }

  public static final ParsedName UNKNOWN = new ParsedName(Kind.UNKNOWN, null, null, null, null);

  public ParsedName {
    java.util.Objects.requireNonNull(kind, "kind");
    last = Text.clean(last);
    first = Text.clean(first);
    middle = Text.clean(middle);
    org = Text.clean(org);
  }

  public static ParsedName organization(String org) {
    return new ParsedName(Kind.ORGANIZATION, null, null, null, org);
  }

  public static ParsedName person(String last, String first, String middle) {
    return new ParsedName(Kind.PERSON, last, first, middle, null);
  }
}
