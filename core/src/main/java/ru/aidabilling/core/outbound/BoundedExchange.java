package ru.aidabilling.core.outbound;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 exchange whose answer — headers <em>and</em> the whole body — must arrive within a
 * deadline and stay under a size cap: a server that sends headers and then stalls cannot hold a
 * thread for ever, and a body over the cap is cut off at the cap, not read to the end.
 *
 * <p>How the deadline holds, with no timer thread: the connect waits at most the connect time-out
 * or what is left of the deadline, whichever is shorter; before every read from the socket (the TLS
 * handshake's and each of the many reads under one TLS record included) its read time-out is set to
 * what is left of the deadline (at least 1 ms), and after every read the deadline is checked. So a
 * stall anywhere in the handshake or the answer ends at the deadline, and a trickle ends at the
 * first byte after it. A request is written with one socket write; it is bounded by the socket
 * buffers, not by the deadline (requests are a few KiB, far below them).
 *
 * <p>It is a small HTTP/1.1 client of our own on {@link java.net.Socket} (and {@link
 * javax.net.ssl.SSLSocket} for https, from {@link SSLContext#getDefault()}, so the {@code
 * javax.net.ssl.*} properties apply; host names are verified), on the calling thread, starting no
 * thread. Idle kept-alive connections wait in a pool: at most {@code http.maxConnections} (64
 * unless that property is set) per scheme, host and port, newest reused first, for 5 s or the
 * server's {@code Keep-Alive: timeout} if shorter. A kept connection that the server closed
 * meanwhile (end, reset or broken pipe before the first byte of the answer) is tried once more on a
 * new connection, except for POST; such a request counts as maybe sent even when the new connection
 * fails. Never through a proxy, never with credentials (a 401 or 407 is answered as it is).
 *
 * <p>Earlier versions ran on {@code java.net.http.HttpClient} (its selector threads were the
 * busiest threads of http-app under load, two thread switches per call) and then on {@code
 * HttpURLConnection} (its header writing and byte-by-byte parsing, a new 8 KiB buffer per exchange
 * and the timer thread were about a fifth of http-app's CPU under load); see benchmarks/README.md.
 *
 * <p>It lives in core, beside the ports it serves, because both outbound adapters need it, adapters
 * never depend on each other, and it uses nothing but the JDK. The domain, ports and services never
 * use it (ArchitectureTest).
 */
public final class BoundedExchange {
  private BoundedExchange() {}

  /** Why an exchange failed, as far as the caller's retry and message rules care. */
  public enum Failure {
    /**
     * No answer started: connection refused, connect time-out, TLS handshake or certificate
     * refused, reset before the headers; or the request was refused before connecting (not an
     * http(s) URI, a control character in a header field).
     */
    CONNECT,
    /** The whole answer did not arrive within the deadline. */
    TIMEOUT,
    /** The body was over the size cap; reading stopped at the cap. */
    TOO_LARGE,
    /** The answer started but the connection broke before the body was complete. */
    BROKEN
  }

  /** A failed exchange; the message is technical and never holds the request's URL. */
  public static final class ExchangeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Failure failure;
    private final boolean requestMaybeSent;

    /** A failure after the request may have gone out (the server may have acted on it). */
    public ExchangeException(Failure failure, Throwable cause) {
      this(failure, cause, true);
    }

    /**
     * @param requestMaybeSent false only when no byte of the request left this process (the
     *     connection was never made, or the deadline had passed before sending)
     */
    public ExchangeException(Failure failure, Throwable cause, boolean requestMaybeSent) {
      super(failure.name(), cause);
      this.failure = failure;
      this.requestMaybeSent = requestMaybeSent;
    }

    public Failure failure() {
      return failure;
    }

    /** Whether the server may have received the request (and, for a write, saved it). */
    public boolean requestMaybeSent() {
      return requestMaybeSent;
    }

    /** The underlying cause for an operator's log: its type and message, never a URL. */
    public String technical() {
      Throwable root = this;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root == this
          ? failure.name()
          : root.getClass().getSimpleName()
              + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
  }

  /**
   * What to send: method, absolute http(s) URI, headers in order, and a body or null.
   *
   * @param headers sent as given; {@code Accept} defaults to {@code *}{@code /*} and {@code
   *     User-Agent} to {@code aida-billing} when absent
   */
  public record Request(String method, URI uri, Map<String, String> headers, byte[] body) {
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(uri, "uri");
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    public static Request get(URI uri, Map<String, String> headers) {
      return new Request("GET", uri, headers, null);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Request r
          && method.equals(r.method)
          && uri.equals(r.uri)
          && headers.equals(r.headers)
          && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(method, uri, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return method + " " + uri.getPath(); // never the query (phones) or headers (keys)
    }
  }

  /** The answer: status, headers (names in any case), and the whole body. */
  public record Answer(int status, Map<String, List<String>> headers, byte[] body) {
    public Answer {
      TreeMap<String, List<String>> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      byName.putAll(headers);
      headers = Collections.unmodifiableMap(byName);
    }

    /** The first value of a header, if the answer has it. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Answer a
          && status == a.status
          && headers.equals(a.headers)
          && Arrays.equals(body, a.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
      return "HTTP " + status + ", " + body.length + " bytes";
    }
  }

  /** The longest answer head (status line and fields, interim answers included). */
  static final int MAX_HEAD_BYTES = 64 * 1024;

  /** The largest body an array holds (some JVMs refuse the last few lengths below 2^31). */
  static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  /** How long an idle connection is kept unless the server says less. */
  static final Duration IDLE_TIME = Duration.ofSeconds(5);

  /** Idle connections per scheme, host and port: {@code http.maxConnections}, else 64. */
  static final int MAX_IDLE_PER_SERVER = maxIdle();

  private static final ConnectionPool POOL = new ConnectionPool(MAX_IDLE_PER_SERVER);

  /** Fields this class sets or leaves out itself; a caller's are dropped. */
  private static final Set<String> OWN_FIELDS =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "expect",
          "upgrade",
          "te",
          "trailer");

  private static final byte[] NO_BODY = new byte[0];

  private static volatile SSLSocketFactory defaultTls;

  private static int maxIdle() {
    try {
      int n = Integer.parseInt(System.getProperty("http.maxConnections", "64").strip());
      return n > 0 ? n : 64;
    } catch (NumberFormatException e) {
      return 64;
    }
  }

  /**
   * Sends the request and reads the whole answer, on the calling thread.
   *
   * @param connectTimeout the longest wait for the connection (never longer than {@code deadline})
   * @param deadline counted from now (connection set-up included) to the last byte of the body
   * @param maxBodyBytes the largest body accepted (at most 2^31 - 9 bytes, one array, whatever is
   *     given)
   * @throws InterruptedException when the calling thread was interrupted before the exchange began
   *     (a blocking socket read cannot be interrupted; the deadline bounds it instead)
   */
  public static Answer send(
      Request request, Duration connectTimeout, Duration deadline, long maxBodyBytes)
      throws ExchangeException, InterruptedException {
    return send(request, connectTimeout, deadline, maxBodyBytes, null);
  }

  /**
   * {@link #send(Request, Duration, Duration, long)} with another TLS set-up (tests).
   *
   * @param tls null for the default context's
   */
  static Answer send(
      Request request,
      Duration connectTimeout,
      Duration deadline,
      long maxBodyBytes,
      SSLSocketFactory tls)
      throws ExchangeException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the exchange");
    }
    long end = System.nanoTime() + deadline.toNanos();
    Target target = Target.of(request.uri(), tls);
    byte[] bytes = requestBytes(request, target);
    boolean maybeSent = false;
    for (int attempt = 0; ; attempt++) {
      HttpConnection c = attempt == 0 ? POOL.take(target.key) : null;
      boolean reused = c != null;
      if (c == null) {
        c = connect(target, connectTimeout, end, maybeSent);
      }
      boolean done = false;
      try {
        HttpConnection.checkDeadline(end); // already past it: do not send at all
      } catch (SocketTimeoutException e) {
        if (reused) {
          POOL.put(c, c.idleUntil - System.nanoTime());
        } else {
          c.close();
        }
        throw new ExchangeException(Failure.TIMEOUT, e, maybeSent);
      }
      try {
        maybeSent = true;
        Answer a = exchange(c, request, bytes, maxBodyBytes, end);
        done = true;
        return a;
      } catch (IOException e) {
        if (reused
            && !c.answerStarted()
            && !(e instanceof SocketTimeoutException)
            && !"POST".equals(request.method())) {
          continue; // a stale kept connection: once more on a new one
        }
        throw new ExchangeException(failure(e, c), e);
      } catch (RuntimeException e) {
        throw new ExchangeException(Failure.BROKEN, e);
      } finally {
        if (!done) {
          c.close(); // a connection left mid-answer is never reused
        }
      }
    }
  }

  private static Failure failure(IOException e, HttpConnection c) {
    if (e instanceof SocketTimeoutException) {
      return Failure.TIMEOUT;
    }
    if (e instanceof BodyTooLargeException) {
      return Failure.TOO_LARGE;
    }
    return c.answerStarted() ? Failure.BROKEN : Failure.CONNECT;
  }

  private static HttpConnection connect(
      Target target, Duration connectTimeout, long end, boolean maybeSent)
      throws ExchangeException {
    try {
      long left = end - System.nanoTime();
      long connectNanos = Math.min(connectTimeout.toNanos(), left);
      if (connectNanos <= 0) {
        throw new SocketTimeoutException("answer deadline passed");
      }
      int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, connectNanos / 1_000_000));
      return HttpConnection.open(target.key, target.host, target.port, millis, end, target.tls());
    } catch (IOException | RuntimeException e) {
      boolean late = System.nanoTime() - end > 0;
      throw new ExchangeException(late ? Failure.TIMEOUT : Failure.CONNECT, e, maybeSent);
    }
  }

  /** Sends the request on {@code c} and reads the answer; keeps {@code c} when it may be reused. */
  private static Answer exchange(
      HttpConnection c, Request request, byte[] bytes, long maxBody, long end) throws IOException {
    // A body is one byte array: a longer one is too large whatever the caller allows (and a
    // Content-Length past it must not be cut to an int).
    long maxBodyBytes = Math.min(maxBody, MAX_ARRAY_BYTES);
    c.send(bytes);
    ResponseHead head = ResponseHead.read(c, end, MAX_HEAD_BYTES);
    boolean reusable = head.keepAlive();
    byte[] body;
    if (!head.hasBody(request.method())) {
      body = NO_BODY;
    } else if (head.hasTransferEncoding()) {
      if (head.chunked()) {
        body = c.readChunked(maxBodyBytes, end, MAX_HEAD_BYTES);
      } else {
        body = c.readToEof(maxBodyBytes, end);
        reusable = false;
      }
      reusable &= !head.headers.containsKey("Content-Length");
    } else {
      long length = head.contentLength();
      if (length > maxBodyBytes) {
        throw new BodyTooLargeException(maxBodyBytes);
      }
      if (length >= 0) {
        body = length == 0 ? NO_BODY : c.readFixed((int) length, end);
      } else {
        body = c.readToEof(maxBodyBytes, end);
        reusable = false;
      }
    }
    if (reusable && c.drained()) {
      long idle = IDLE_TIME.toNanos();
      long server = head.keepAliveTimeoutNanos();
      POOL.put(c, server >= 0 ? Math.min(idle, server) : idle);
    } else {
      c.close();
    }
    return new Answer(head.status, head.headers, body);
  }

  /** The request line, fields and body, in one array; a field with a control character fails. */
  private static byte[] requestBytes(Request request, Target target) throws ExchangeException {
    String method = request.method();
    if (!isToken(method)) {
      throw refused("bad method");
    }
    URI uri = request.uri();
    String path = uri.getRawPath();
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(path == null || path.isEmpty() ? "/" : path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(target.hostField).append("\r\n");
    boolean accept = false;
    boolean agent = false;
    for (String name : request.headers().keySet()) {
      accept |= name.equalsIgnoreCase("Accept");
      agent |= name.equalsIgnoreCase("User-Agent");
    }
    if (!accept) {
      head.append("Accept: */*\r\n");
    }
    if (!agent) {
      head.append("User-Agent: aida-billing\r\n");
    }
    for (Map.Entry<String, String> field : request.headers().entrySet()) {
      String name = field.getKey();
      String value = field.getValue();
      if (!isToken(name) || value == null || !isFieldValue(value)) {
        throw refused("a header field name or value with a control character");
      }
      if (!ownsField(name)) {
        head.append(name).append(": ").append(value).append("\r\n");
      }
    }
    byte[] body = request.body();
    if (body == null && (method.equals("POST") || method.equals("PUT"))) {
      body = NO_BODY;
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (body == null || body.length == 0) {
      return h;
    }
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  private static ExchangeException refused(String why) {
    return new ExchangeException(Failure.CONNECT, new IOException("not sent: " + why), false);
  }

  /**
   * Whether a field name a caller gives would go out as it is: the exchange sets or drops these
   * itself (Host, Content-Length, Transfer-Encoding, Connection, Keep-Alive, Expect, Upgrade, TE,
   * Trailer), so a setting that names one can be refused before any call.
   */
  public static boolean ownsField(String name) {
    return OWN_FIELDS.contains(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether the text is an HTTP token, as a field name or a method must be (RFC 9110 tchar). */
  public static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch <= ' ' || ch >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(ch) >= 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the text can be sent as a field value: no control character but tab, nothing past
   * Latin-1 (a field goes out as ISO-8859-1 bytes). A request with another is refused unsent.
   */
  public static boolean isFieldValue(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if ((ch < ' ' && ch != '\t') || ch == 0x7f || ch > 0xff) {
        return false;
      }
    }
    return true;
  }

  /** Where a request goes: its pool key, the address to connect to and the Host field. */
  record Target(
      String key,
      String host,
      int port,
      String hostField,
      SSLSocketFactory customTls,
      boolean https) {
    static Target of(URI uri, SSLSocketFactory tls) throws ExchangeException {
      String scheme = uri.getScheme();
      String host = uri.getHost();
      boolean https = "https".equalsIgnoreCase(scheme);
      if (!https && !"http".equalsIgnoreCase(scheme)) {
        throw refused("not an http or https URI");
      }
      if (host == null || host.isEmpty()) {
        throw refused("no host in the URI");
      }
      int defaultPort = https ? 443 : 80;
      int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
      String hostField = port == defaultPort ? host : host + ":" + port;
      String address =
          host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      String key =
          (https ? "https://" : "http://")
              + hostField
              + (https && tls != null ? "#" + System.identityHashCode(tls) : "");
      return new Target(key, address, port, hostField, tls, https);
    }

    SSLSocketFactory tls() throws IOException {
      if (!https) {
        return null;
      }
      if (customTls != null) {
        return customTls;
      }
      SSLSocketFactory f = defaultTls;
      if (f == null) {
        try {
          f = SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
          throw new IOException("no TLS", e);
        }
        defaultTls = f;
      }
      return f;
    }
  }

  /** Thrown inside the exchange when a body passes the cap. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
      super("body larger than " + limit + " bytes");
    }
  }
}
