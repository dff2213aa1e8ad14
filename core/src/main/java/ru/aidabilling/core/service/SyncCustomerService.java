package ru.aidabilling.core.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.FieldChange;
import ru.aidabilling.core.domain.MappingMode;
import ru.aidabilling.core.domain.ParsedAddress;
import ru.aidabilling.core.domain.ParsedName;
import ru.aidabilling.core.domain.Phone;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.domain.WritePolicy;
import ru.aidabilling.core.parse.AddressParser;
import ru.aidabilling.core.parse.NameParser;
import ru.aidabilling.core.parse.PhoneParser;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.port.in.SyncOutcome.Failed;
import ru.aidabilling.core.port.in.SyncOutcome.Synced;
import ru.aidabilling.core.port.in.SyncStatus;
import ru.aidabilling.core.port.out.AuditTrail;
import ru.aidabilling.core.port.out.BillingDirectory;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.service.CustomerTurns.Stripe;

/**
 * The sync use case of spec 5: read the customer, find their billing account by phone, write the
 * billing identity back into the profile and record every applied change.
 *
 * <p>Failures the caller must expect come back as {@link Failed} values with the code of spec 11;
 * an unexpected exception from a port becomes {@code INTERNAL} without its details in the agent's
 * {@code detail}; they go to the log instead ({@code java.util.logging}, logger {@code
 * ru.aidabilling.core.sync}, SEVERE, with the request id; digits that may be a phone masked), and
 * the exception itself is the outcome's {@link Failed#cause}, as is a port's {@link
 * UpstreamException}. The audit records are appended after FreeScout accepted the update and before
 * {@link #sync} returns: the log holds applied changes only, never an attempted one. If the log
 * cannot be written after a successful update, the answer is {@code INTERNAL} and says that the
 * profile was updated but the change is not in the log (it still carries the account billing
 * found), and the same logger names the customer and the fields written, so an operator can act on
 * it.
 *
 * <p>With an executor and a phone in the command, the customer read and that phone's billing lookup
 * run side by side (the lookup's answer is used only once the phone proved to be on the profile)
 * when it pays: while at least three quarters of the recent calls of both upstreams took 2 ms or
 * more, as real upstreams' do; upstreams that answer faster are called one after the other on the
 * caller's thread, which saves the hand-off's CPU and thread for at most 2 ms of waiting ({@link
 * AsideRule}: the rule, its estimate and why). Thread-safe. Between calls it keeps only what orders
 * racing writes: its {@link CustomerTurns} (per stripe of customers, a write count and the last
 * writes' patches), which an {@link UndoService} of the same process shares.
 */
public final class SyncCustomerService implements SyncCustomerUseCase {
  private final BillingDirectory billing;
  private final CustomerDirectory customers;
  private final AuditTrail audit;
  private final MappingMode mapping;
  private final WritePolicy defaultPolicy;
  private final Clock clock;

  /** How far past a command's writeBy the read after a lost PUT answer may run. */
  static final java.time.Duration REREAD_TIME = java.time.Duration.ofMillis(500);

  private final Executor executor;
  private final AsideRule aside;
  private final Function<String, ParsedName> names;
  private final Function<String, ParsedAddress> addresses;
  private final CustomerTurns turns;

  /** A service that runs every step on the caller's thread. */
  public SyncCustomerService(
      BillingDirectory billing,
      CustomerDirectory customers,
      AuditTrail audit,
      MappingMode mapping,
      WritePolicy defaultPolicy,
      Clock clock) {
    this(billing, customers, audit, mapping, defaultPolicy, clock, null);
  }

  /**
   * A service that runs the billing lookup of a given phone on {@code executor} while it reads the
   * customer, when the upstreams' recent calls say that this pays ({@link AsideRule}); {@code
   * executor} null runs everything on the caller's thread, and a rejecting executor falls back to
   * that.
   */
  public SyncCustomerService(
      BillingDirectory billing,
      CustomerDirectory customers,
      AuditTrail audit,
      MappingMode mapping,
      WritePolicy defaultPolicy,
      Clock clock,
      Executor executor) {
    this(billing, customers, audit, mapping, defaultPolicy, clock, executor, new CustomerTurns());
  }

  /**
   * A service whose writes take {@code turns} with those of every other writer given the same turns
   * (the {@link UndoService} of the process); {@code executor} as above, may be null.
   */
  public SyncCustomerService(
      BillingDirectory billing,
      CustomerDirectory customers,
      AuditTrail audit,
      MappingMode mapping,
      WritePolicy defaultPolicy,
      Clock clock,
      Executor executor,
      CustomerTurns turns) {
    this(
        billing,
        customers,
        audit,
        mapping,
        defaultPolicy,
        clock,
        executor,
        turns,
        AsideRule.systemDefault(),
        NameParser::parse,
        AddressParser::parse);
  }

  /** With other name and address readers: lets the service tests pin what parsing gives. */
  SyncCustomerService(
      BillingDirectory billing,
      CustomerDirectory customers,
      AuditTrail audit,
      MappingMode mapping,
      WritePolicy defaultPolicy,
      Clock clock,
      Executor executor,
      Function<String, ParsedName> names,
      Function<String, ParsedAddress> addresses) {
    this(
        billing,
        customers,
        audit,
        mapping,
        defaultPolicy,
        clock,
        executor,
        new CustomerTurns(),
        AsideRule.systemDefault(),
        names,
        addresses);
  }

  /** With another aside rule: lets the service tests pin when the lookup goes aside. */
  SyncCustomerService(
      BillingDirectory billing,
      CustomerDirectory customers,
      AuditTrail audit,
      MappingMode mapping,
      WritePolicy defaultPolicy,
      Clock clock,
      Executor executor,
      AsideRule aside) {
    this(
        billing,
        customers,
        audit,
        mapping,
        defaultPolicy,
        clock,
        executor,
        new CustomerTurns(),
        aside,
        NameParser::parse,
        AddressParser::parse);
  }

  private SyncCustomerService(
      BillingDirectory billing,
      CustomerDirectory customers,
      AuditTrail audit,
      MappingMode mapping,
      WritePolicy defaultPolicy,
      Clock clock,
      Executor executor,
      CustomerTurns turns,
      AsideRule aside,
      Function<String, ParsedName> names,
      Function<String, ParsedAddress> addresses) {
    this.billing = Objects.requireNonNull(billing, "billing");
    this.customers = Objects.requireNonNull(customers, "customers");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.mapping = Objects.requireNonNull(mapping, "mapping");
    this.defaultPolicy = Objects.requireNonNull(defaultPolicy, "defaultPolicy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.executor = executor;
    this.turns = Objects.requireNonNull(turns, "turns");
    this.aside = Objects.requireNonNull(aside, "aside");
    this.names = Objects.requireNonNull(names, "names");
    this.addresses = Objects.requireNonNull(addresses, "addresses");
  }

  /** The turns this service's writes take: an {@link UndoService} built on it takes them too. */
  CustomerTurns turns() {
    return turns;
  }

  @Override
  public SyncOutcome sync(SyncCommand command) {
    Objects.requireNonNull(command, "command");
    try {
      return run(command);
    } catch (RuntimeException e) {
      FailureLog.unexpected(command, e);
      return Failed.of(ErrorCode.INTERNAL, Messages.internal(command.requestId()), command)
          .withCause(e);
    }
  }

  /**
   * Syncs of one customer that race (two agents clicking at once, a click and the webhook) must not
   * both write and audit the same change. The upstream reads run side by side; the decision and the
   * write take turns per stripe of customers (the audit append comes after, outside the turn). Each
   * stripe counts its writes and remembers the last {@value CustomerTurns#HISTORY}, an undo's among
   * them when the {@link UndoService} shares this service's {@link CustomerTurns}. A sync that sees
   * writes since its read lays them over the profile it read: when they were all of its customer,
   * went through, and leave nothing to change, it answers unchanged without reading again (a burst
   * of identical syncs costs one write); otherwise it reads the customer again and decides on that.
   * This orders the writers that share the turns inside one process; a second process (the CLI
   * beside http-app) may still repeat an idempotent write.
   */
  private Stripe stripeOf(CustomerId id) {
    return turns.of(id);
  }

  private SyncOutcome run(SyncCommand cmd) {
    CustomerId id = cmd.customerId();
    CompletableFuture<List<BillingAccount>> early = cmd.phone().map(this::lookUpAside).orElse(null);

    // 1. the customer
    Stripe stripe = stripeOf(id);
    long seenWrites = stripe.writes.get();
    Instant readAt;
    CustomerProfile profile;
    try {
      Optional<CustomerProfile> found = read(id);
      if (found.isEmpty()) {
        return Failed.of(ErrorCode.CUSTOMER_NOT_FOUND, Messages.customerNotFound(id), cmd);
      }
      profile = found.get();
      readAt = clock.instant(); // the age that counts is the billing lookup's, not the read's
    } catch (UpstreamException e) {
      return Failed.of(e.code(), Messages.helpdeskFailed(e, id, false), cmd).withCause(e);
    }

    // 2. the phones to look up
    List<Phone> candidates = candidatePhones(profile);
    List<Phone> toLookUp;
    if (cmd.phone().isPresent()) {
      Phone asked = cmd.phone().get();
      if (!cmd.forcePhone() && !candidates.contains(asked)) {
        return Failed.of(
            ErrorCode.PHONE_NOT_ON_CUSTOMER, Messages.phoneNotOnCustomer(asked, id), cmd);
      }
      toLookUp = List.of(asked);
    } else if (candidates.isEmpty()) {
      return Failed.of(ErrorCode.NO_PHONE, Messages.noPhone(id), cmd);
    } else {
      toLookUp = candidates;
    }

    // 3. billing, phone by phone until one has accounts
    Phone foundOn = null;
    List<BillingAccount> accounts = List.of();
    try {
      for (Phone phone : toLookUp) {
        accounts = Accounts.distinct(early != null ? await(early) : lookUp(phone));
        early = null;
        if (!accounts.isEmpty()) {
          foundOn = phone;
          break;
        }
      }
    } catch (UpstreamException e) {
      return Failed.of(e.code(), Messages.billingFailed(e), cmd).withCause(e);
    }
    if (foundOn == null) {
      return Failed.of(ErrorCode.NOT_IN_BILLING, Messages.notInBilling(toLookUp.get(0)), cmd);
    }
    BillingAccount account;
    if (cmd.contract().isPresent()) {
      String contract = cmd.contract().get();
      Optional<BillingAccount> chosen =
          accounts.stream().filter(a -> contract.equals(a.contract())).findFirst();
      if (chosen.isEmpty()) {
        return Failed.of(
            ErrorCode.CONTRACT_NOT_FOUND, Messages.contractNotFound(contract, foundOn), cmd);
      }
      account = chosen.get();
    } else if (accounts.size() > 1) {
      return new Failed(
          ErrorCode.AMBIGUOUS,
          Messages.ambiguous(accounts.size(), foundOn),
          id,
          cmd.requestId(),
          accounts,
          Optional.empty());
    } else {
      account = accounts.get(0);
    }

    // 4. parse and map
    ParsedName name =
        Objects.requireNonNullElse(names.apply(account.fullName()), ParsedName.UNKNOWN);
    ParsedAddress address =
        Objects.requireNonNullElse(addresses.apply(account.address()), ParsedAddress.EMPTY);

    ProfilePatch want = ProfileMapping.desired(mapping, account, name, address);

    Step step;
    stripe.lock.lock();
    try {
      step =
          decideUnderLock(
              cmd, seenWrites, readAt, stripe, profile, want, foundOn, account, name, address);
    } finally {
      stripe.lock.unlock();
    }
    // 7. record, after the lock: the group-committed audit file batches the appends of syncs that
    // wrote at about the same time into one fsync, instead of one fsync per write in turn.
    if (step.toRecord().isEmpty()) {
      return step.outcome();
    }
    try {
      audit.append(step.toRecord());
    } catch (RuntimeException e) {
      FailureLog.auditNotWritten(cmd, step.toRecord(), e);
      // FreeScout took the write and billing answered: the agent still gets the balance
      return new Failed(
          ErrorCode.INTERNAL,
          Messages.auditFailed(id, cmd.requestId()),
          id,
          cmd.requestId(),
          List.of(),
          Optional.of(account),
          Optional.of(e));
    }
    return step.outcome();
  }

  /** What a sync decided under its stripe's lock, and the audit records it still has to append. */
  private record Step(SyncOutcome outcome, List<AuditRecord> toRecord) {
    static Step answer(SyncOutcome outcome) {
      return new Step(outcome, List.of());
    }
  }

  /**
   * How old the customer read may be when a sync is about to write. Between the read and the write
   * lies the billing lookup (up to two answer time-outs and a retry pause): an agent who saves the
   * profile in FreeScout meanwhile would have that edit overwritten by a write decided on the old
   * read (under {@code fill-empty} too, where the field was empty when read), with the old read's
   * value as the audit record's {@code old}, so that an undo would put back the value from before
   * the agent's edit. A read older than this is made again, in the write's turn, before deciding.
   */
  static final java.time.Duration STALE_READ = java.time.Duration.ofSeconds(1);

  /** Steps 5 and 6 with the stripe's lock held: read again if needed, diff, write. */
  private Step decideUnderLock(
      SyncCommand cmd,
      long seenWrites,
      Instant readAt,
      Stripe stripe,
      CustomerProfile profile,
      ProfilePatch want,
      Phone foundOn,
      BillingAccount account,
      ParsedName name,
      ParsedAddress address) {
    CustomerId id = cmd.customerId();
    boolean readAgain;
    if (stripe.writes.get() != seenWrites) {
      if (nothingLeftAfterWritesSince(seenWrites, stripe, cmd, profile, want)) {
        return Step.answer(
            new Synced(
                SyncStatus.UNCHANGED,
                id,
                cmd.requestId(),
                foundOn,
                account,
                name,
                address,
                List.of()));
      }
      readAgain = true;
    } else {
      // about to write on a read made before the billing lookup: decide on a fresh one instead,
      // so that an edit saved in FreeScout meanwhile is seen (and is the audit record's old value)
      // (not when it is too late to write anyway: decideAndWrite then answers DEADLINE_EXCEEDED)
      readAgain =
          !cmd.dryRun()
              && clock.instant().isAfter(readAt.plus(STALE_READ))
              && !tooLateToWrite(cmd)
              && !ProfileMapping.diff(profile, want, cmd.policy().orElse(defaultPolicy)).isEmpty();
    }
    if (readAgain) {
      try {
        // bounded so that the write keeps its own minimum time
        Optional<CustomerProfile> again =
            cmd.writeBy().isPresent()
                ? customers.find(id, cmd.writeBy().get().minus(SyncCommand.MIN_WRITE_TIME))
                : customers.find(id);
        if (again.isEmpty()) {
          return Step.answer(
              Failed.of(ErrorCode.CUSTOMER_NOT_FOUND, Messages.customerNotFound(id), cmd));
        }
        profile = again.get();
      } catch (UpstreamException e) {
        // billing has answered: the agent still sees the balance, as when the write itself fails
        return Step.answer(
            new Failed(
                e.code(),
                Messages.rereadFailed(e, id),
                id,
                cmd.requestId(),
                List.of(),
                Optional.of(account),
                Optional.of(e)));
      }
    }
    return decideAndWrite(cmd, profile, want, foundOn, account, name, address, stripe);
  }

  /** Whether the caller could no longer report a write started now in time. */
  private boolean tooLateToWrite(SyncCommand cmd) {
    return cmd.writeBy().isPresent()
        && clock.instant().plus(SyncCommand.MIN_WRITE_TIME).isAfter(cmd.writeBy().get());
  }

  /** Steps 5 and 6, with the stripe's lock held: diff and write; the records to append. */
  private Step decideAndWrite(
      SyncCommand cmd,
      CustomerProfile profile,
      ProfilePatch want,
      Phone foundOn,
      BillingAccount account,
      ParsedName name,
      ParsedAddress address,
      Stripe stripe) {
    CustomerId id = cmd.customerId();
    List<FieldChange> changes =
        ProfileMapping.diff(profile, want, cmd.policy().orElse(defaultPolicy));

    // 6. write
    if (changes.isEmpty()) {
      return Step.answer(
          new Synced(
              SyncStatus.UNCHANGED, id, cmd.requestId(), foundOn, account, name, address, changes));
    }
    if (cmd.dryRun()) {
      return Step.answer(
          new Synced(
              SyncStatus.DRY_RUN, id, cmd.requestId(), foundOn, account, name, address, changes));
    }
    if (tooLateToWrite(cmd)) {
      // the caller could no longer report this write in time: better none than an unseen one
      return Step.answer(
          new Failed(
              ErrorCode.DEADLINE_EXCEEDED,
              Messages.tooLateToWrite(id),
              id,
              cmd.requestId(),
              List.of(),
              Optional.of(account)));
    }
    try {
      audit.checkCanRecord(); // a change the log could not record could not be undone
    } catch (RuntimeException e) {
      FailureLog.auditUnavailable(cmd.requestId(), id, e); // the file and why: for the admin only
      return Step.answer(
          new Failed(
              ErrorCode.CONFIGURATION,
              Messages.auditUnavailable(id),
              id,
              cmd.requestId(),
              List.of(),
              Optional.of(account),
              Optional.of(e)));
    }
    ProfilePatch patch = ProfileMapping.patchOf(changes);
    UpstreamException failure = null;
    try {
      if (cmd.writeBy().isPresent()) {
        customers.update(id, patch, cmd.writeBy().get()); // over before the caller must answer
      } else {
        customers.update(id, patch);
      }
    } catch (UpstreamException e) {
      failure = e;
    } catch (RuntimeException | Error e) {
      stripe.remember(id, null); // counted, outcome unknown: racing syncs read the customer again
      throw e;
    }
    List<FieldChange> written = null;
    boolean applied = false;
    try {
      written = failure == null ? changes : landedDespite(failure, id, changes, cmd);
      applied = written != null && written.size() == changes.size();
    } finally {
      // counted whatever happened; unknown unless it all went through, so that racing syncs read
      // the customer again
      stripe.remember(id, applied ? patch : null);
    }
    // The records are stamped here, under the lock, in the order the writes of this stripe
    // happened (and always after the stripe's previous stamp: see CustomerTurns.Stripe.stamp).
    if (applied) {
      return new Step(
          new Synced(
              SyncStatus.UPDATED, id, cmd.requestId(), foundOn, account, name, address, changes),
          auditRecords(cmd, account, changes, stripe.stamp(clock)));
    }
    Failed failed =
        new Failed(
            failure.code(),
            written == null
                ? Messages.helpdeskUncertain(failure, id)
                : Messages.helpdeskFailed(failure, id, true),
            id,
            cmd.requestId(),
            List.of(),
            Optional.of(account),
            Optional.of(failure));
    return written == null || written.isEmpty()
        ? Step.answer(failed)
        : new Step(failed, auditRecords(cmd, account, written, stripe.stamp(clock)));
  }

  /**
   * The changes FreeScout holds after a PUT whose answer failed: it may have saved the profile
   * before the failure reached us (a time-out, a 5xx or a broken answer after the save), and a
   * change it holds must be in the audit log (spec 5, step 7), or no undo could put it back. Read
   * again to know. Empty when nothing landed or the PUT was refused; null when the customer could
   * not be read again (then the possibly unrecorded fields are logged).
   */
  private List<FieldChange> landedDespite(
      UpstreamException failure, CustomerId id, List<FieldChange> changes, SyncCommand cmd) {
    if (FailedWrite.surelySavedNothing(failure)) {
      return List.of();
    }
    Optional<CustomerProfile> now;
    try {
      // within the caller's deadline too: half of what it keeps after the write, so that the
      // answer (whatever it is) still comes before the deadline
      now =
          cmd.writeBy().isPresent()
              ? customers.find(id, cmd.writeBy().get().plus(REREAD_TIME))
              : customers.find(id);
    } catch (RuntimeException e) { // an UpstreamException or a bug: either way we cannot know
      FailureLog.writeUncertain(cmd, changes, failure, e);
      return null;
    }
    return FailedWrite.landed(now, changes, FieldChange::field, FieldChange::newValue);
  }

  /**
   * Whether the writes since this sync's read left it nothing to do: each was of this customer and
   * went through, and the profile as read with their values laid over it in order needs no change
   * under this sync's policy. That holds whether a write landed before or after the read. Lock
   * held.
   */
  private boolean nothingLeftAfterWritesSince(
      long seenWrites, Stripe stripe, SyncCommand cmd, CustomerProfile profile, ProfilePatch want) {
    Optional<List<ProfilePatch>> since = stripe.patchesSince(seenWrites, cmd.customerId());
    if (since.isEmpty()) {
      return false;
    }
    CustomerProfile now = profile;
    for (ProfilePatch p : since.get()) {
      now = now.apply(p);
    }
    return ProfileMapping.diff(now, want, cmd.policy().orElse(defaultPolicy)).isEmpty();
  }

  /** The profile's phones that read as Russian numbers, in profile order, each once. */
  static List<Phone> candidatePhones(CustomerProfile profile) {
    Set<Phone> phones = new LinkedHashSet<>();
    for (String written : profile.phones()) {
      PhoneParser.parse(written).ifPresent(phones::add);
    }
    return List.copyOf(phones);
  }

  private List<AuditRecord> auditRecords(
      SyncCommand cmd, BillingAccount account, List<FieldChange> changes, Instant now) {
    List<AuditRecord> records = new ArrayList<>(changes.size());
    for (FieldChange c : changes) {
      records.add(
          new AuditRecord(
              now,
              cmd.actor(),
              cmd.requestId(),
              cmd.customerId(),
              c.field(),
              c.oldValue(),
              c.newValue(),
              account.contract()));
    }
    return records;
  }

  /**
   * Starts the lookup of the given phone on the executor, or null to look it up in line: with no
   * executor, when the rule says the overlap would not pay, or when the executor is full.
   */
  private CompletableFuture<List<BillingAccount>> lookUpAside(Phone phone) {
    if (executor == null || !aside.pays()) {
      return null;
    }
    try {
      return CompletableFuture.supplyAsync(() -> lookUp(phone), executor);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** The first customer read, timed for the aside rule when there is an executor to decide on. */
  private Optional<CustomerProfile> read(CustomerId id) {
    if (executor == null) {
      return customers.find(id);
    }
    long start = aside.start();
    try {
      return customers.find(id);
    } finally {
      aside.readTook(start);
    }
  }

  /** A billing lookup, timed for the aside rule when there is an executor to decide on. */
  private List<BillingAccount> lookUp(Phone phone) {
    if (executor == null) {
      return billing.findByPhone(phone);
    }
    long start = aside.start();
    try {
      return billing.findByPhone(phone);
    } finally {
      aside.lookupTook(start);
    }
  }

  private static List<BillingAccount> await(CompletableFuture<List<BillingAccount>> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
