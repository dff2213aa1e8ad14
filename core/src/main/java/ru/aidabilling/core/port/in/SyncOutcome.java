package ru.aidabilling.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.Redacted;
import ru.aidabilling.core.domain.RequestId;

/**
 * The result of a sync: a success or a failure with a stable code. On Java 17 test it with {@code
 * instanceof} ({@code if (outcome instanceof SyncOutcome.Failed failed) ...}); from Java 21 a
 * {@code switch} with patterns covers both cases. {@code toString()} is safe to log: phones and
 * names are masked (spec 7); the accessors give the values themselves.
 */
public sealed interface SyncOutcome {
  CustomerId customerId();

  RequestId requestId();

  /** A finished sync: the account found, how it was read, and what changed (or would). */
  record Synced(
      SyncStatus status,
      CustomerId customerId,
      RequestId requestId,
      Phone phone,
      BillingAccount account,
      ParsedName name,
      ParsedAddress address,
      List<FieldChange> changes)
      implements SyncOutcome {
    public Synced {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(requestId, "requestId");
      Objects.requireNonNull(phone, "phone");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(address, "address");
      changes = List.copyOf(changes);
    }
  }

  /**
   * A sync that could not finish. {@code detail} is written for the support agent, in Russian.
   * {@code candidates} only for {@code AMBIGUOUS}; {@code account} only when billing answered and
   * the FreeScout write then failed (usually {@code HELPDESK_UNAVAILABLE}; also {@code
   * CONFIGURATION}, {@code DEADLINE_EXCEEDED} or {@code CUSTOMER_NOT_FOUND} as the write failed),
   * or when the write went through but its audit records could not be appended ({@code INTERNAL}):
   * the agent keeps the balance they asked for.
   *
   * @param cause the exception behind the failure, for the program that embeds the core (the
   *     agent's {@code detail} is deliberately vague about it): the {@link
   *     ru.aidabilling.core.domain.UpstreamException} a port threw (its message is for an operator,
   *     its own cause the I/O error), the audit trail's exception ({@code CONFIGURATION} before a
   *     write, {@code INTERNAL} after one), or the unexpected exception behind {@code INTERNAL}.
   *     Empty when the failure is an answer rather than an error (not found, no phone, ambiguous,
   *     too late to write). No app shows it to an agent, and {@code toString()} names only its
   *     classes; its messages are not masked (they may quote a phone, a name or an upstream's URL),
   *     so mask them before they go to a log others read
   */
  record Failed(
      ErrorCode code,
      String detail,
      CustomerId customerId,
      RequestId requestId,
      List<BillingAccount> candidates,
      Optional<BillingAccount> account,
      Optional<Throwable> cause)
      implements SyncOutcome {
    public Failed {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(detail, "detail");
      Objects.requireNonNull(customerId, "customerId");
      Objects.requireNonNull(requestId, "requestId");
      candidates = candidates == null ? List.of() : List.copyOf(candidates);
      account = account == null ? Optional.empty() : account;
      cause = cause == null ? Optional.empty() : cause;
    }

    /** A failure without an exception behind it. */
    public Failed(
        ErrorCode code,
        String detail,
        CustomerId customerId,
        RequestId requestId,
        List<BillingAccount> candidates,
        Optional<BillingAccount> account) {
      this(code, detail, customerId, requestId, candidates, account, Optional.empty());
    }

    /** This failure with the exception behind it (see {@code cause} above). */
    public Failed withCause(Throwable cause) {
      return new Failed(
          code,
          detail,
          customerId,
          requestId,
          candidates,
          account,
          Optional.of(Objects.requireNonNull(cause, "cause")));
    }

    public static Failed of(ErrorCode code, String detail, SyncCommand cmd) {
      return new Failed(
          code, detail, cmd.customerId(), cmd.requestId(), List.of(), Optional.empty());
    }

    /**
     * For logs: the detail (it may quote the phone or an upstream's text) only hinted, the accounts
     * masked as {@link BillingAccount#toString()} does, the cause by its classes only (outermost
     * first, {@code <-} before each cause); {@code code} tells what happened.
     */
    @Override
    public String toString() {
      return "Failed[code="
          + code
          + ", detail="
          + Redacted.text(detail)
          + ", customerId="
          + customerId
          + ", requestId="
          + requestId
          + ", candidates="
          + candidates
          + ", account="
          + account
          + ", cause="
          + cause.map(Redacted::exceptionClasses).orElse("none")
          + "]";
    }
  }
}
