package ru.aidabilling.core.domain;

/**
 * A billing address split into parts (spec 6). Types are full lower-case words ({@code поселок},
 * {@code улица}); every part is null, never an empty string. {@code unparsed} keeps what could not
 * be placed.
 */
public record ParsedAddress(
    String postcode,
    String region,
    String district,
    String settlementType,
    String settlement,
    String streetType,
    String street,
    String house,
    String block,
    String flat,
    String unparsed) {
  public static final ParsedAddress EMPTY =
      new ParsedAddress(null, null, null, null, null, null, null, null, null, null, null);

  public ParsedAddress {
    postcode = Text.clean(postcode);
    region = Text.clean(region);
    district = Text.clean(district);
    settlementType = Text.clean(settlementType);
    settlement = Text.clean(settlement);
    streetType = Text.clean(streetType);
    street = Text.clean(street);
    house = Text.clean(house);
    block = Text.clean(block);
    flat = Text.clean(flat);
    unparsed = Text.clean(unparsed);
  }

  /** For logs: the parts, with what could not be placed (it may hold anything) only hinted. */
  @Override
  public String toString() {
    return "ParsedAddress[postcode="
        + postcode
        + ", region="
        + region
        + ", district="
        + district
        + ", settlementType="
        + settlementType
        + ", settlement="
        + settlement
        + ", streetType="
        + streetType
        + ", street="
        + street
        + ", house="
        + house
        + ", block="
        + block
        + ", flat="
        + flat
        + ", unparsed="
        + Redacted.text(unparsed)
        + "]";
  }
}
