package ru.aidabilling.core.domain;

import java.util.Optional;

/**
 * One subscriber account as the billing system knows it. Text fields are trimmed and null when
 * billing left them blank; {@code balance} is null when billing gave none.
 */
public record BillingAccount(
    String contract, String fullName, String address, String tariff, Money balance) {
  public BillingAccount {
    contract = Text.clean(contract);
    fullName = Text.clean(fullName);
    address = Text.clean(address);
    tariff = Text.clean(tariff);
  }

  public Optional<Money> balanceIfKnown() {
    return Optional.ofNullable(balance);
  }

  /** For logs: the name masked, the address as billing wrote it reduced to a hint (spec 7). */
  @Override
  public String toString() {
    return "BillingAccount[contract="
        + contract
        + ", fullName="
        + Redacted.name(fullName)
        + ", address="
        + Redacted.text(address)
        + ", tariff="
        + tariff
        + ", balance="
        + balance
        + "]";
  }

  /** Two answers are the same account when contract (or, lacking one, the name) matches. */
  public String identity() {
    return contract != null ? "contract:" + contract : "name:" + fullName + "|" + address;
  }
}
