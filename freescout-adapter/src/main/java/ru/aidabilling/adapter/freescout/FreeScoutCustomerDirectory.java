package ru.aidabilling.adapter.freescout;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.logging.LogSafety;
import ru.aidabilling.core.outbound.AgentText;
import ru.aidabilling.core.outbound.BoundedExchange;
import ru.aidabilling.core.outbound.BoundedExchange.Answer;
import ru.aidabilling.core.outbound.BoundedExchange.ExchangeException;
import ru.aidabilling.core.outbound.BoundedExchange.Failure;
import ru.aidabilling.core.outbound.BoundedExchange.Request;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerPage;
import ru.aidabilling.core.port.out.PageQuery;

/**
 * The {@link CustomerDirectory} port over FreeScout's REST API (the "API &amp; Webhooks" module,
 * spec 4).
 *
 * <p>Failure rules: 401 is {@code CONFIGURATION} naming {@code AIDA_FREESCOUT_API_KEY}; a JSON 404
 * is an unknown customer ({@code Optional.empty()} on a read, {@code CUSTOMER_NOT_FOUND} on a
 * write); a 404 that is not JSON (and a ping answered with anything but the listing) means the URL
 * does not lead to the API, and like every other status, a time-out, a broken connection or an
 * answer over the cap it is {@code HELPDESK_UNAVAILABLE}, carrying FreeScout's own message when it
 * gave one. A time-out is {@code HELPDESK_UNAVAILABLE}, not {@code DEADLINE_EXCEEDED}: that code
 * belongs to the caller's overall deadline.
 *
 * <p>Retries: every call is retried once after a connection failure (nothing reached FreeScout, or
 * the connection dropped before its answer began). That is safe for the PUT too, because a PUT of
 * the same patch is idempotent — it sets the same fields to the same values, so applying it twice
 * leaves the same customer. Nothing is retried after a time-out or an error status.
 *
 * <p>Thread-safe. Never logs or throws the API key, names or phones.
 */
public final class FreeScoutCustomerDirectory implements CustomerDirectory {
  private static final System.Logger LOG =
      System.getLogger(FreeScoutCustomerDirectory.class.getName());
  private static final String KEY_HEADER = "X-FreeScout-API-Key";

  private final FreeScoutConfig config;

  /** Over HTTP/1.1 with the config's time-outs; redirects are never followed. */
  public FreeScoutCustomerDirectory(FreeScoutConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public Optional<CustomerProfile> find(CustomerId id) {
    return find(id, Optional.empty());
  }

  /** The read, over by {@code endBy}: time-outs cut to the time left, no retry. */
  @Override
  public Optional<CustomerProfile> find(CustomerId id, Instant endBy) {
    return find(id, Optional.of(endBy));
  }

  private Optional<CustomerProfile> find(CustomerId id, Optional<Instant> endBy) {
    Objects.requireNonNull(id, "id");
    String action = "чтении клиента " + id;
    Answer answer = exchange(get(config.resolve("api/customers/" + id)), action, endBy);
    int status = answer.status();
    if (status == 404 && isJson(answer.body())) {
      return Optional.empty();
    }
    if (!isSuccess(status)) {
      throw statusFailure(answer, action);
    }
    try {
      JsonNode customer = CustomerJson.object(answer.body());
      if (!customer.hasNonNull("id")) {
        throw new CustomerJson.UnexpectedException("FreeScout прислал не клиента", null);
      }
      return Optional.of(CustomerJson.toDomain(customer, id));
    } catch (CustomerJson.UnexpectedException e) {
      throw unexpected(e, action);
    }
  }

  @Override
  public void update(CustomerId id, ProfilePatch patch) {
    update(id, patch, Optional.empty());
  }

  /**
   * The PUT, over by {@code endBy}: the connect and answer time-outs are cut to the time left, and
   * a failed connection is not retried (the retry would start on what is left).
   */
  @Override
  public void update(CustomerId id, ProfilePatch patch, Instant endBy) {
    update(id, patch, Optional.of(endBy));
  }

  private void update(CustomerId id, ProfilePatch patch, Optional<Instant> endBy) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patch, "patch");
    if (patch.isEmpty()) {
      return;
    }
    String action = "записи клиента " + id;
    Map<String, String> headers = headers();
    headers.put("Content-Type", "application/json; charset=utf-8");
    Request put =
        new Request(
            "PUT", config.resolve("api/customers/" + id), headers, CustomerJson.fromDomain(patch));
    Answer answer = exchange(put, action, endBy);
    int status = answer.status();
    if (status == 404 && isJson(answer.body())) {
      throw new UpstreamException(
          ErrorCode.CUSTOMER_NOT_FOUND, "Клиент " + id + " не найден в FreeScout.");
    }
    if (!isSuccess(status)) {
      throw statusFailure(answer, action);
    }
    LOG.log(Level.DEBUG, "FreeScout: customer {0} updated ({1})", id, patchFields(patch));
  }

  @Override
  public CustomerPage list(PageQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder q =
        new StringBuilder("api/customers?sortField=createdAt&sortOrder=asc")
            .append("&page=")
            .append(query.page())
            .append("&pageSize=")
            .append(query.pageSize());
    query
        .updatedSince()
        .ifPresent(
            t ->
                q.append("&updatedSince=")
                    .append(
                        URLEncoder.encode(
                            t.truncatedTo(ChronoUnit.SECONDS).toString(), StandardCharsets.UTF_8)));
    String action = "чтении списка клиентов (страница " + query.page() + ")";
    Answer answer = exchange(get(config.resolve(q.toString())), action);
    if (!isSuccess(answer.status())) {
      throw statusFailure(answer, action);
    }
    try {
      return CustomerJson.pageToDomain(CustomerJson.object(answer.body()), query);
    } catch (CustomerJson.UnexpectedException e) {
      throw unexpected(e, action);
    }
  }

  /**
   * {@code GET /api/customers?pageSize=1}: proves the URL leads to the API and the key works. The
   * answer must be the listing {@link #list} reads (JSON with {@code page.totalPages}): a 200 with
   * anything else — a landing page, a proxy's or a login page — means {@code AIDA_FREESCOUT_URL}
   * does not lead to the API, as an HTML 404 does.
   */
  @Override
  public void ping() {
    String action = "проверке связи";
    Answer answer = exchange(get(config.resolve("api/customers?pageSize=1")), action);
    if (!isSuccess(answer.status())) {
      throw statusFailure(answer, action);
    }
    try {
      CustomerJson.pageToDomain(CustomerJson.object(answer.body()), PING_PAGE);
    } catch (CustomerJson.UnexpectedException e) {
      UpstreamException failure =
          new UpstreamException(
              ErrorCode.HELPDESK_UNAVAILABLE,
              "FreeScout недоступен: по адресу "
                  + config.baseUrl()
                  + " нет его API ("
                  + e.getMessage()
                  + " при "
                  + action
                  + ", HTTP "
                  + answer.status()
                  + "). Проверьте AIDA_FREESCOUT_URL и что модуль «API & Webhooks» включён.",
              e);
      logUnexpected(failure, e);
      throw failure;
    }
  }

  /** The page {@link #ping} asks for. */
  private static final PageQuery PING_PAGE = new PageQuery(1, 1, Optional.empty());

  private Request get(URI uri) {
    return Request.get(uri, headers());
  }

  private Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/json");
    headers.put(KEY_HEADER, config.apiKey());
    return headers;
  }

  /** Sends once, and once more after a connection failure (every call here is idempotent). */
  private Answer exchange(Request request, String action) {
    return exchange(request, action, Optional.empty());
  }

  /** As {@link #exchange(Request, String)}, over by {@code endBy} when given. */
  private Answer exchange(Request request, String action, Optional<Instant> endBy) {
    boolean sent = false; // whether any attempt may have reached FreeScout
    try {
      for (int attempt = 1; ; attempt++) {
        Duration answer = config.answerTimeout();
        Duration connect = config.connectTimeout();
        if (endBy.isPresent()) {
          Duration left = Duration.between(Instant.now(), endBy.get());
          answer = left.compareTo(answer) < 0 ? left : answer;
          connect = answer.compareTo(connect) < 0 ? answer : connect;
        }
        try {
          if (answer.compareTo(Duration.ofMillis(1)) < 0) {
            throw new ExchangeException(
                Failure.TIMEOUT, new java.net.SocketTimeoutException("no time left"), false);
          }
          return BoundedExchange.send(request, connect, answer, config.maxBodyBytes());
        } catch (ExchangeException e) {
          sent |= e.requestMaybeSent();
          // A call with an end is not retried: a retry would start on what is left of it.
          if (attempt == 2 || e.failure() != Failure.CONNECT || endBy.isPresent()) {
            throw exchangeFailure(e, action, sent);
          }
          LOG.log(Level.DEBUG, "FreeScout: connection failed at {0}, retrying once", action);
        }
        Thread.sleep(config.retryDelay().toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UpstreamException(
          ErrorCode.HELPDESK_UNAVAILABLE, "Запрос к FreeScout был прерван при " + action + ".", e);
    }
  }

  private UpstreamException exchangeFailure(ExchangeException e, String action, boolean sent) {
    String where = config.baseUrl().getHost() + portSuffix();
    String message =
        switch (e.failure()) {
          case CONNECT ->
              "FreeScout недоступен: не удалось соединиться с "
                  + where
                  + " при "
                  + action
                  + ". Повторите позже.";
          case TIMEOUT ->
              "FreeScout недоступен: он не прислал ответ за "
                  + AgentText.seconds(config.answerTimeout())
                  + " при "
                  + action
                  + ". Повторите позже.";
          case TOO_LARGE ->
              "FreeScout недоступен: его ответ при "
                  + action
                  + " больше "
                  + AgentText.bytes(config.maxBodyBytes())
                  + ", чтение прервано.";
          case BROKEN ->
              "FreeScout недоступен: соединение оборвалось посреди ответа при "
                  + action
                  + ". Повторите позже.";
        };
    LOG.log(Level.WARNING, "{0} ({1})", message, LogSafety.masked(e.technical()));
    return new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, message, e, sent);
  }

  private UpstreamException statusFailure(Answer answer, String action) {
    int status = answer.status();
    Optional<String> says = CustomerJson.errorMessage(answer.body());
    UpstreamException e;
    if (status == 401) {
      e =
          new UpstreamException(
              ErrorCode.CONFIGURATION,
              "FreeScout не принял ключ API (HTTP 401"
                  + says.map(s -> " «" + s + "»").orElse("")
                  + "): проверьте настройку AIDA_FREESCOUT_API_KEY — это ключ из настроек"
                  + " модуля «API & Webhooks» в FreeScout.");
    } else if (status >= 300 && status <= 399) {
      e =
          new UpstreamException(
              ErrorCode.HELPDESK_UNAVAILABLE,
              "FreeScout недоступен: он перенаправляет запрос (HTTP "
                  + status
                  + " при "
                  + action
                  + "), а ключ API по переадресации не передаётся. Укажите в AIDA_FREESCOUT_URL"
                  + " конечный адрес (например, https:// вместо http://).");
    } else if (status == 404) {
      e =
          new UpstreamException(
              ErrorCode.HELPDESK_UNAVAILABLE,
              "FreeScout недоступен: по адресу "
                  + config.baseUrl()
                  + " нет его API (HTTP 404 при "
                  + action
                  + "). Проверьте AIDA_FREESCOUT_URL и что модуль «API & Webhooks» включён.");
    } else {
      e =
          new UpstreamException(
              ErrorCode.HELPDESK_UNAVAILABLE,
              "FreeScout ответил ошибкой HTTP "
                  + status
                  + " при "
                  + action
                  + says.map(s -> ": «" + s + "»").orElse("")
                  + ".");
    }
    LOG.log(Level.WARNING, LogSafety.masked(e.getMessage())); // FreeScout's text may quote a name
    return e;
  }

  private static UpstreamException unexpected(CustomerJson.UnexpectedException e, String action) {
    UpstreamException failure =
        new UpstreamException(
            ErrorCode.HELPDESK_UNAVAILABLE,
            "FreeScout недоступен: " + e.getMessage() + " при " + action + ".",
            e);
    logUnexpected(failure, e);
    return failure;
  }

  /**
   * A WARNING, as for every other failure, with the parser's technical reason (what the body began
   * with, where it broke), masked: the body may quote a name or a phone.
   */
  private static void logUnexpected(UpstreamException failure, CustomerJson.UnexpectedException e) {
    String technical =
        e.getCause() == null
            ? ""
            : " (" + String.valueOf(e.getCause().getMessage()).replaceAll("\\s+", " ") + ")";
    LOG.log(Level.WARNING, LogSafety.masked(failure.getMessage() + technical));
  }

  private static boolean isSuccess(int status) {
    return status >= 200 && status <= 299;
  }

  private static boolean isJson(byte[] body) {
    try {
      JsonNode n = CustomerJson.JSON.readTree(body);
      return n != null && n.isObject(); // FreeScout's own 404 is an object with a message
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static String patchFields(ProfilePatch patch) {
    return "set " + patch.sets().keySet() + ", cleared " + patch.clears();
  }

  private String portSuffix() {
    return config.baseUrl().getPort() < 0 ? "" : ":" + config.baseUrl().getPort();
  }

  @Override
  public String toString() {
    return "FreeScoutCustomerDirectory[" + config + "]";
  }
}
