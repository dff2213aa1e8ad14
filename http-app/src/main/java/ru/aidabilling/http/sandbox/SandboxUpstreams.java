package ru.aidabilling.http.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ru.aidabilling.core.port.out.AuditTrail;

/**
 * The sandbox's two upstreams: a fake billing and a fake FreeScout, each a real HTTP server on
 * loopback, so that {@code --sandbox} runs the real adapters over real sockets. Seeded with the
 * seed's customer 31 and one customer per outcome ({@link #cases()}). The demo page reads the fake
 * FreeScout's current state, so a sync shows on the next page load.
 */
public final class SandboxUpstreams implements AutoCloseable {
  private final FakeBilling billing;
  private final FakeFreeScout freescout;
  private final String apiKey;
  private final List<SandboxCase> cases;
  private final Set<Long> failingAudit;

  private SandboxUpstreams(
      FakeBilling billing,
      FakeFreeScout freescout,
      String apiKey,
      List<SandboxCase> cases,
      Set<Long> failingAudit) {
    this.billing = billing;
    this.freescout = freescout;
    this.apiKey = apiKey;
    this.cases = List.copyOf(cases);
    this.failingAudit = Set.copyOf(failingAudit);
  }

  /** Starts both fakes on 127.0.0.1 and ephemeral ports, with a fresh random API key. */
  public static SandboxUpstreams start() {
    return start(Clock.systemUTC());
  }

  static SandboxUpstreams start(Clock clock) {
    byte[] key = new byte[16];
    new SecureRandom().nextBytes(key);
    String apiKey = "sandbox-" + HexFormat.of().formatHex(key);
    SandboxSeed seed = new SandboxSeed();
    FakeBilling billing = null;
    try {
      billing = FakeBilling.start(seed.billing);
      FakeFreeScout freescout =
          FakeFreeScout.start(apiKey, seed.customers, seed.failingWrites, clock);
      return new SandboxUpstreams(billing, freescout, apiKey, seed.cases, seed.failingAudit);
    } catch (IOException e) {
      if (billing != null) {
        billing.close();
      }
      throw new UncheckedIOException("cannot start the sandbox's fake upstreams on loopback", e);
    }
  }

  /** The billing lookup URL, e.g. {@code http://127.0.0.1:41234/api/phone.php}. */
  public URI billingUrl() {
    return billing.url();
  }

  /** FreeScout's base URL, e.g. {@code http://127.0.0.1:41235}. */
  public URI freescoutUrl() {
    return freescout.baseUrl();
  }

  /** The key the fake FreeScout wants in {@code X-FreeScout-API-Key}. */
  public String apiKey() {
    return apiKey;
  }

  /** The sandbox customers in id order, with what each one shows. */
  public List<SandboxCase> cases() {
    return cases;
  }

  /**
   * The service's audit trail as the sandbox runs it: {@code trail}, except that the audit-gap
   * customer's records can never be appended, so a sync of that customer shows what an agent sees
   * when FreeScout took the write but the audit log could not record it.
   */
  public AuditTrail withAuditGap(AuditTrail trail) {
    return new AuditGapTrail(trail, failingAudit);
  }

  /** The customer as the fake FreeScout holds it right now. */
  public Optional<FakeCustomer> customer(long id) {
    return freescout.customer(id);
  }

  @Override
  public void close() {
    try {
      freescout.close();
    } finally {
      billing.close();
    }
  }
}
