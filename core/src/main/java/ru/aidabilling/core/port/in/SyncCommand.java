package ru.aidabilling.core.port.in;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.domain.Text;
import ru.aidabilling.core.domain.WritePolicy;

/**
 * A request to sync one customer from billing.
 *
 * @param phone a phone the caller chose; must be on the profile unless {@code forcePhone}
 * @param contract picks one of several accounts
 * @param policy empty: the service's configured default
 * @param forcePhone the CLI's explicit override of the phone-must-be-on-profile rule
 * @param writeBy the instant the write to FreeScout must be over by: a caller that must answer by a
 *     deadline sets it to the deadline less the time it needs after the write (the audit record,
 *     the answer), so that a write never lands after the caller has answered "too late". The sync
 *     starts its write only while at least {@link #MIN_WRITE_TIME} is left (else it answers {@code
 *     DEADLINE_EXCEEDED} and writes nothing), and the FreeScout adapter fits its time-outs into
 *     what is left; the read that checks a write whose answer was lost may run a moment past it.
 *     Empty: no limit, the write runs under the adapter's own time-outs
 */
public record SyncCommand(
    CustomerId customerId,
    Optional<Phone> phone,
    Optional<String> contract,
    boolean dryRun,
    Optional<WritePolicy> policy,
    Actor actor,
    RequestId requestId,
    boolean forcePhone,
    Optional<Instant> writeBy) {
  /**
   * The least time a write is started with. A PUT takes well under a second; one cut short by a
   * time-out may still be saved by FreeScout a moment later (its PHP finishes), unseen by the read
   * that follows, so the write is never started on a sliver of time: 3 s.
   */
  public static final Duration MIN_WRITE_TIME = Duration.ofSeconds(3);

  public SyncCommand {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(requestId, "requestId");
    phone = phone == null ? Optional.empty() : phone;
    contract = contract == null ? Optional.empty() : contract.map(Text::clean);
    policy = policy == null ? Optional.empty() : policy;
    writeBy = writeBy == null ? Optional.empty() : writeBy;
  }

  /**
   * A command without a {@code writeBy}: its write, whenever the sync gets to it, runs under the
   * adapter's own time-outs.
   */
  public SyncCommand(
      CustomerId customerId,
      Optional<Phone> phone,
      Optional<String> contract,
      boolean dryRun,
      Optional<WritePolicy> policy,
      Actor actor,
      RequestId requestId,
      boolean forcePhone) {
    this(
        customerId,
        phone,
        contract,
        dryRun,
        policy,
        actor,
        requestId,
        forcePhone,
        Optional.empty());
  }

  /**
   * This command with the instant its write must be over by (see {@code writeBy} above: the write
   * starts only while at least {@link #MIN_WRITE_TIME} is left before it); empty: no limit.
   */
  public SyncCommand withWriteBy(Optional<Instant> writeBy) {
    return new SyncCommand(
        customerId, phone, contract, dryRun, policy, actor, requestId, forcePhone, writeBy);
  }

  /** This command with the phone the caller chose (it must be on the profile). */
  public SyncCommand withPhone(Phone phone) {
    return new SyncCommand(
        customerId,
        Optional.of(phone),
        contract,
        dryRun,
        policy,
        actor,
        requestId,
        forcePhone,
        writeBy);
  }

  /** This command picking the account with this contract when billing has several. */
  public SyncCommand withContract(String contract) {
    return new SyncCommand(
        customerId,
        phone,
        Optional.of(contract),
        dryRun,
        policy,
        actor,
        requestId,
        forcePhone,
        writeBy);
  }

  /** This command as a dry run: the answer tells what would change, and nothing is written. */
  public SyncCommand asDryRun() {
    return new SyncCommand(
        customerId, phone, contract, true, policy, actor, requestId, forcePhone, writeBy);
  }

  /** This command with its own write policy instead of the service's default. */
  public SyncCommand withPolicy(WritePolicy policy) {
    return new SyncCommand(
        customerId,
        phone,
        contract,
        dryRun,
        Optional.of(policy),
        actor,
        requestId,
        forcePhone,
        writeBy);
  }

  /** This command under the caller's own request id (for its logs and a later undo). */
  public SyncCommand withRequestId(RequestId requestId) {
    return new SyncCommand(
        customerId, phone, contract, dryRun, policy, actor, requestId, forcePhone, writeBy);
  }

  /**
   * This command looking billing up by its phone ({@link #withPhone}) even when the phone is not on
   * the customer's profile: the CLI's {@code --force-phone}, for an operator who knows better.
   */
  public SyncCommand withForcePhone() {
    return new SyncCommand(
        customerId, phone, contract, dryRun, policy, actor, requestId, true, writeBy);
  }

  /** This command on behalf of another actor (who the audit log says made the change). */
  public SyncCommand withActor(Actor actor) {
    return new SyncCommand(
        customerId, phone, contract, dryRun, policy, actor, requestId, forcePhone, writeBy);
  }

  /**
   * The plain case: no phone, no contract, default policy, not a dry run, a new request id; the
   * {@code with…} methods change one thing each: {@code SyncCommand.of(id,
   * actor).withPhone(phone).asDryRun()}.
   */
  public static SyncCommand of(CustomerId id, Actor actor) {
    return new SyncCommand(
        id,
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        actor,
        RequestId.generate(),
        false);
  }
}
