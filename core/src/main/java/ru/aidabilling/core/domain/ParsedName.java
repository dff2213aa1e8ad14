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

  /** For logs: every part masked (an organisation's name may be a person's: ИП Иванов И.И.). */
  @Override
  public String toString() {
    return "ParsedName[kind="
        + kind
        + ", last="
        + Redacted.name(last)
        + ", first="
        + Redacted.name(first)
        + ", middle="
        + Redacted.name(middle)
        + ", org="
        + Redacted.text(org)
        + "]";
  }
}
