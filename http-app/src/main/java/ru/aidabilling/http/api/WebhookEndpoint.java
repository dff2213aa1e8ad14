package ru.aidabilling.http.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ru.aidabilling.core.domain.Actor;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.RequestId;
import ru.aidabilling.core.logging.LogSafety;
import ru.aidabilling.core.port.in.SyncCommand;
import ru.aidabilling.core.port.in.SyncCustomerUseCase;
import ru.aidabilling.core.port.in.SyncOutcome;
import ru.aidabilling.core.wire.Wire;
import ru.aidabilling.http.HttpAnswer;

/**
 * {@code POST /api/v1/freescout/webhook}: FreeScout's webhooks, authenticated by {@code
 * X-FreeScout-Signature} = base64(HMAC-SHA1(raw body, secret)) checked in constant time over the
 * raw bytes before anything is acted on. The body is read as it arrives and never held (see {@link
 * Delivery}), so its size costs no memory. {@code customer.created} syncs that customer as actor
 * {@code webhook}. The answer is 2xx only when nothing is left to do (synced, not needed, or it can
 * never succeed) and 503 for anything a later redelivery may fix, so FreeScout's own retries (up to
 * 10 over about 2 hours) make sure no customer is lost. A signed body without a readable customer
 * id can never succeed either: 200 {@code skipped} with code {@code VALIDATION}, and a WARNING.
 */
public final class WebhookEndpoint {
  public static final String CUSTOMER_CREATED = "customer.created";

  /** Outcomes a redelivery cannot change: answered 200 so FreeScout stops retrying. */
  private static final Set<ErrorCode> FINAL =
      EnumSet.of(
          ErrorCode.NO_PHONE,
          ErrorCode.NOT_IN_BILLING,
          ErrorCode.CUSTOMER_NOT_FOUND,
          ErrorCode.AMBIGUOUS,
          ErrorCode.CONTRACT_NOT_FOUND,
          ErrorCode.PHONE_NOT_ON_CUSTOMER);

  private static final Logger LOG = Logger.getLogger("ru.aidabilling.http.webhook");
  private static final int SHA1_BYTES = 20;
  private final SyncCustomerUseCase sync;
  private final Optional<byte[]> secret;

  /**
   * @param secret {@code AIDA_FREESCOUT_WEBHOOK_SECRET}; empty refuses every delivery with 503
   */
  public WebhookEndpoint(SyncCustomerUseCase sync, Optional<String> secret) {
    this.sync = sync;
    this.secret = secret.filter(s -> !s.isEmpty()).map(s -> s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * What can be refused from the headers alone, before the body is read: no secret configured
   * (503), or a signature that is missing or is not base64 of an HMAC-SHA1 (403). Whatever passes
   * is still checked against the body by {@link #handle}.
   */
  public Optional<HttpAnswer> refuseBeforeBody(String signature, RequestId requestId) {
    if (secret.isEmpty()) {
      return Optional.of(notConfigured(requestId));
    }
    if (decodedSignature(signature).filter(b -> b.length == SHA1_BYTES).isEmpty()) {
      return Optional.of(signatureInvalid(signature, requestId));
    }
    return Optional.empty();
  }

  private static HttpAnswer notConfigured(RequestId requestId) {
    return Answers.problem(
        ErrorCode.NOT_CONFIGURED,
        "Вебхуки не настроены: задайте AIDA_FREESCOUT_WEBHOOK_SECRET",
        requestId);
  }

  private static HttpAnswer signatureInvalid(String signature, RequestId requestId) {
    return Answers.problem(
        ErrorCode.SIGNATURE_INVALID,
        signature == null || signature.isBlank()
            ? "Нет заголовка X-FreeScout-Signature"
            : "Подпись X-FreeScout-Signature не совпадает",
        requestId);
  }

  /**
   * A whole body at once: the same as a {@link #begin delivery} fed it in one piece.
   *
   * @param writeBy the instant the sync's write must be over by (see {@link SyncCommand})
   */
  public HttpAnswer handle(
      byte[] body, String signature, String event, RequestId requestId, Optional<Instant> writeBy) {
    Delivery delivery = begin(signature, event, requestId);
    delivery.accept(body == null ? new byte[0] : body, 0, body == null ? 0 : body.length);
    return delivery.finish(writeBy);
  }

  /**
   * Starts reading one delivery as its body arrives: see {@link Delivery}.
   *
   * @param signature {@code X-FreeScout-Signature}
   * @param event {@code X-FreeScout-Event}
   */
  public Delivery begin(String signature, String event, RequestId requestId) {
    String name = event == null ? "" : event.strip();
    return new Delivery(signature, name, requestId);
  }

  /**
   * One delivery, read piece by piece as it arrives and never held: each piece goes into the
   * HMAC-SHA1 and, for {@code customer.created}, into a {@link TopLevelIdReader} that keeps the
   * customer id and nothing else. Nothing is acted on until {@link #finish}, once the whole body is
   * in and its signature matches (a wrong one is 403 whatever the body holds). Not thread-safe: fed
   * in order, then finished once.
   */
  public final class Delivery {
    private final String signature;
    private final String event;
    private final RequestId requestId;
    private final Mac mac;
    private final TopLevelIdReader ids;

    private Delivery(String signature, String event, RequestId requestId) {
      this.signature = signature;
      this.event = event;
      this.requestId = requestId;
      this.mac = secret.map(WebhookEndpoint::hmacSha1).orElse(null);
      this.ids = event.equals(CUSTOMER_CREATED) ? new TopLevelIdReader() : null;
    }

    /** The next piece of the body; none of it is kept. */
    public void accept(byte[] piece, int from, int to) {
      if (mac != null) {
        mac.update(piece, from, to - from);
        if (ids != null) {
          ids.feed(piece, from, to);
        }
      }
    }

    /**
     * The body is complete: checks its signature, then syncs the customer (blocking; on the request
     * pool).
     *
     * @param writeBy the instant the sync's write must be over by (see {@link SyncCommand})
     */
    public HttpAnswer finish(Optional<Instant> writeBy) {
      if (mac == null) {
        return notConfigured(requestId);
      }
      if (!signatureMatches(mac.doFinal(), signature)) {
        return signatureInvalid(signature, requestId);
      }
      if (ids == null) {
        Map<String, Object> ignored = new LinkedHashMap<>();
        ignored.put("status", "ignored");
        ignored.put("event", event);
        ignored.put("requestId", requestId.value());
        return Answers.json(200, ignored);
      }
      CustomerId id;
      try {
        id = ids.customerId();
      } catch (BadRequest e) {
        // FreeScout signed it, so it is FreeScout's; no redelivery can make it readable, and
        // FreeScout redelivers 4xx answers too: answered 200 "skipped" so that it stops.
        LOG.warning(
            requestId.value()
                + " webhook customer.created skipped: its signed body has no customer id we can"
                + " read ("
                + LogSafety.masked(e.getMessage()) // may quote a piece of the body
                + ")");
        return skipped(Optional.empty(), ErrorCode.VALIDATION, e.getMessage(), requestId);
      }
      SyncCommand command =
          new SyncCommand(
              id,
              Optional.empty(),
              Optional.empty(),
              false,
              Optional.empty(),
              Actor.WEBHOOK,
              requestId,
              false,
              writeBy);
      return answer(sync.sync(command));
    }
  }

  /**
   * 200 for a finished or hopeless sync; 503 (FreeScout redelivers) for everything else. The answer
   * names the customer, the outcome and the fields written, and carries none of billing's data (no
   * name, address or balance) and no whole phone: FreeScout never reads it, while anyone who once
   * saw a signed body may replay it, signature and all.
   */
  static HttpAnswer answer(SyncOutcome outcome) {
    if (outcome instanceof SyncOutcome.Synced s) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", s.status().wireName());
      m.put("customerId", s.customerId().value());
      m.put("fields", s.changes().stream().map(c -> c.field().apiName()).toList());
      m.put("requestId", s.requestId().value());
      return Answers.json(200, m);
    }
    SyncOutcome.Failed f = (SyncOutcome.Failed) outcome;
    String detail = LogSafety.maskPhones(f.detail());
    if (FINAL.contains(f.code())) {
      return skipped(Optional.of(f.customerId()), f.code(), detail, f.requestId());
    }
    Map<String, Object> problem = Wire.problem(f.code(), detail, f.requestId());
    problem.put("customerId", f.customerId().value());
    return Answers.problemWithStatus(problem, 503);
  }

  private static HttpAnswer skipped(
      Optional<CustomerId> customer, ErrorCode code, String detail, RequestId requestId) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", "skipped");
    customer.ifPresent(c -> m.put("customerId", c.value()));
    m.put("code", code.name());
    m.put("detail", detail);
    m.put("requestId", requestId.value());
    return Answers.json(200, m);
  }

  /** Constant time: {@link MessageDigest#isEqual} looks at every byte whatever differs. */
  private static boolean signatureMatches(byte[] hmac, String signature) {
    return decodedSignature(signature)
        .filter(given -> MessageDigest.isEqual(hmac, given))
        .isPresent();
  }

  private static Optional<byte[]> decodedSignature(String signature) {
    if (signature == null || signature.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Base64.getDecoder().decode(signature.strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** base64(HMAC-SHA1(body, secret)), as FreeScout signs; public for tests and tools. */
  public static String sign(byte[] body, String secret) {
    return Base64.getEncoder()
        .encodeToString(hmacSha1(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  private static byte[] hmacSha1(byte[] key, byte[] body) {
    return hmacSha1(key).doFinal(body == null ? new byte[0] : body);
  }

  private static Mac hmacSha1(byte[] key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JVM", e);
    }
  }
}
