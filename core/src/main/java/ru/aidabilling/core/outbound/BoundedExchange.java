package ru.aidabilling.core.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP/1.1 exchange whose answer — headers <em>and</em> the whole body — must arrive within a
 * deadline and stay under a size cap: a server that sends headers and then stalls cannot hold a
 * thread for ever, and a body over the cap is cut off at the cap, not read to the end.
 *
 * <p>How the deadline holds: every socket read may wait at most the whole deadline; when the
 * deadline passes, a timer closes the connection (which ends a blocked connect, write or header
 * read at once); and the body loop checks the deadline after every read, so a trickle ends at the
 * first byte after it. One case is slower: a body that stops completely after it started can only
 * end when that read times out, because the JDK closes a body stream only once its read returns —
 * at worst twice the deadline.
 *
 * <p>It runs on the JDK's blocking {@link HttpURLConnection}, on the calling thread, with the JDK's
 * keep-alive cache. {@code java.net.http.HttpClient} was used first; it reads every answer on its
 * selector thread and wakes the caller, two thread switches per call, and under load in http-app
 * (two or three upstream calls per request on two cores) its selector threads were the busiest
 * threads of the process and its code took the JIT tens of seconds to compile. The keep-alive cache
 * keeps {@code http.maxConnections} idle connections per server (JDK default 5; the apps set 64 at
 * start unless it is set).
 *
 * <p>It lives in core, beside the ports it serves, because both outbound adapters need it, adapters
 * never depend on each other, and it uses nothing but the JDK. The domain, ports and services never
 * use it (ArchitectureTest).
 */
public final class BoundedExchange {
  private BoundedExchange() {}

  /** Why an exchange failed, as far as the caller's retry and message rules care. */
  public enum Failure {
    /** No answer started: connection refused, connect time-out, reset before the headers. */
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

  /**
   * How long the threads below stay once idle. They are daemon threads and end when idle this long,
   * so a JVM with no exchange under way runs none of them: an application server that reloads the
   * code is not left with threads holding its old class loader.
   */
  static final Duration IDLE_KEEP_ALIVE = Duration.ofSeconds(60);

  /**
   * Closes connections whose answer is late. At most one daemon thread for the whole JVM, made when
   * an exchange starts and ended after {@link #IDLE_KEEP_ALIVE} with no deadline pending; a
   * cancelled deadline leaves the queue at once, so finished exchanges hold nothing.
   */
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

  /**
   * Closes the connections of late exchanges, off the timer thread. Daemon threads are made as
   * needed and end after {@link #IDLE_KEEP_ALIVE} idle; there is one per exchange being closed at
   * that moment.
   */
  private static final java.util.concurrent.ThreadPoolExecutor ABORTS =
      new java.util.concurrent.ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          IDLE_KEEP_ALIVE.toNanos(),
          TimeUnit.NANOSECONDS,
          new java.util.concurrent.SynchronousQueue<>(),
          r -> {
            Thread thread = new Thread(r, "aida-http-abort");
            thread.setDaemon(true);
            return thread;
          });

  /** Gives no credentials: a 401 or 407 is answered as it is, never with a password. */
  private static final Authenticator NO_CREDENTIALS = new Authenticator() {};

  static {
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", "64");
    }
    if (System.getProperty("http.KeepAlive.remainingData") == null) {
      System.setProperty("http.KeepAlive.remainingData", "0");
    }
  }

  private static ScheduledThreadPoolExecutor deadlines() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "aida-http-deadline");
              thread.setDaemon(true);
              return thread;
            });
    t.setRemoveOnCancelPolicy(true);
    t.setKeepAliveTime(IDLE_KEEP_ALIVE.toNanos(), TimeUnit.NANOSECONDS);
    t.allowCoreThreadTimeOut(true); // a worker with a deadline still queued never times out
    return t;
  }

  /** Sets how long idle threads stay (for tests: a short time, then back to the default). */
  static void keepIdleThreadsFor(Duration idle) {
    DEADLINES.setKeepAliveTime(idle.toNanos(), TimeUnit.NANOSECONDS);
    ABORTS.setKeepAliveTime(idle.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Sends the request and reads the whole answer, on the calling thread.
   *
   * @param connectTimeout the longest wait for the connection (never longer than {@code deadline})
   * @param deadline counted from now (connection set-up included) to the last byte of the body
   * @param maxBodyBytes the largest body accepted
   * @throws InterruptedException when the calling thread was interrupted before the exchange began
   *     (a blocking socket read cannot be interrupted; the deadline bounds it instead)
   */
  public static Answer send(
      Request request, Duration connectTimeout, Duration deadline, long maxBodyBytes)
      throws ExchangeException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the exchange");
    }
    long end = System.nanoTime() + deadline.toNanos();
    HttpURLConnection c = open(request, connectTimeout, deadline);
    AtomicBoolean expired = new AtomicBoolean();
    AtomicBoolean closed = new AtomicBoolean();
    Runnable closeOnce =
        () -> {
          if (closed.compareAndSet(false, true)) {
            c.disconnect();
          }
        };
    ScheduledFuture<?> timer =
        DEADLINES.schedule(
            () -> {
              expired.set(true);
              // On its own thread: the JDK's close waits for a read blocked on the same stream,
              // and the one timer thread must never wait for one exchange.
              ABORTS.execute(closeOnce);
            },
            deadline.toNanos(),
            TimeUnit.NANOSECONDS);
    boolean done = false;
    try {
      // 1. connect, and hand the body over (HttpURLConnection keeps it until step 2 sends the
      // request with it, so a failure here means the server got nothing)
      try {
        c.connect();
        if (request.body() != null) {
          try (OutputStream out = c.getOutputStream()) {
            out.write(request.body());
          }
        }
      } catch (IOException e) {
        throw new ExchangeException(expired.get() ? Failure.TIMEOUT : Failure.CONNECT, e, false);
      }
      try {
        checkDeadline(end); // already past it: do not send at all
      } catch (SocketTimeoutException e) {
        throw new ExchangeException(Failure.TIMEOUT, e, false);
      }
      // 2. send the request; the status line and headers
      int status;
      try {
        status = c.getResponseCode();
      } catch (SocketTimeoutException e) {
        throw new ExchangeException(Failure.TIMEOUT, e);
      } catch (IOException e) {
        throw new ExchangeException(expired.get() ? Failure.TIMEOUT : Failure.CONNECT, e);
      }
      if (status < 100) {
        throw new ExchangeException(Failure.BROKEN, new IOException("not an HTTP answer"));
      }
      if (c.getContentLengthLong() > maxBodyBytes) {
        throw new ExchangeException(Failure.TOO_LARGE, new BodyTooLargeException(maxBodyBytes));
      }
      // 3. the body
      byte[] body;
      try {
        body = readCapped(bodyStream(c, status), maxBodyBytes, c.getContentLengthLong(), end);
      } catch (BodyTooLargeException e) {
        throw new ExchangeException(Failure.TOO_LARGE, e);
      } catch (SocketTimeoutException e) {
        throw new ExchangeException(Failure.TIMEOUT, e);
      } catch (IOException e) {
        throw new ExchangeException(expired.get() ? Failure.TIMEOUT : Failure.BROKEN, e);
      }
      long announced = c.getContentLengthLong();
      if (announced >= 0 && body.length != announced) {
        // The JDK ends a Content-Length body quietly when the server closes the connection early.
        throw new ExchangeException(
            Failure.BROKEN,
            new IOException("body ended after " + body.length + " of " + announced + " bytes"));
      }
      Map<String, List<String>> headers = new LinkedHashMap<>();
      c.getHeaderFields()
          .forEach(
              (name, values) -> {
                if (name != null) {
                  headers.put(name, values);
                }
              });
      done = true;
      return new Answer(status, headers, body);
    } catch (RuntimeException e) {
      // HttpURLConnection is not thread-safe: a deadline closing it under a read can surface as
      // an unchecked exception from the JDK's internals
      throw new ExchangeException(expired.get() ? Failure.TIMEOUT : Failure.BROKEN, e);
    } finally {
      timer.cancel(false);
      if (!done) {
        closeOnce.run(); // a connection left mid-answer is never reused
      }
    }
  }

  private static HttpURLConnection open(Request request, Duration connectTimeout, Duration deadline)
      throws ExchangeException {
    HttpURLConnection c;
    try {
      c = (HttpURLConnection) request.uri().toURL().openConnection(Proxy.NO_PROXY);
      c.setRequestMethod(request.method());
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new ExchangeException(
          Failure.CONNECT,
          e instanceof MalformedURLException ? e : new IOException("cannot open " + request, e));
    }
    c.setInstanceFollowRedirects(false);
    c.setUseCaches(false);
    c.setAuthenticator(NO_CREDENTIALS); // never the embedding program's default Authenticator
    c.setConnectTimeout(
        atLeastOneMilli(connectTimeout.compareTo(deadline) < 0 ? connectTimeout : deadline));
    c.setReadTimeout(atLeastOneMilli(deadline));
    c.setRequestProperty("Accept", "*/*");
    c.setRequestProperty("User-Agent", "aida-billing");
    request.headers().forEach(c::setRequestProperty);
    if (request.body() != null) {
      // Buffered, not streaming: the JDK sends it with a Content-Length, and in streaming mode
      // it would throw away the body of a 401 answer (FreeScout's "Not Authorized").
      c.setDoOutput(true);
    }
    return c;
  }

  /** The answer's body stream: the error stream for 4xx and 5xx, which may be absent. */
  private static InputStream bodyStream(HttpURLConnection c, int status) throws IOException {
    if (status >= 400) {
      InputStream err = c.getErrorStream();
      return err == null ? InputStream.nullInputStream() : err;
    }
    return c.getInputStream();
  }

  /**
   * Reads the stream to its end, failing as soon as it passes the cap; closes it when whole. The
   * buffer starts at the announced length plus one (an upstream answer is a few hundred bytes), or
   * 8 KiB when the length is not announced.
   */
  private static byte[] readCapped(InputStream in, long max, long announced, long endNanos)
      throws IOException {
    long first = announced >= 0 ? announced + 1 : 8192;
    byte[] buffer = new byte[(int) Math.min(max + 1, Math.max(first, 16))];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length > max) {
          throw new BodyTooLargeException(max);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min(max + 1, (long) length * 2));
      }
      int n = in.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
      if (length > max) {
        throw new BodyTooLargeException(max);
      }
      checkDeadline(endNanos);
    }
    in.close(); // read to the end: the connection goes back to the keep-alive cache
    return Arrays.copyOf(buffer, length);
  }

  private static void checkDeadline(long endNanos) throws SocketTimeoutException {
    if (System.nanoTime() - endNanos > 0) {
      throw new SocketTimeoutException("answer deadline passed");
    }
  }

  private static int atLeastOneMilli(Duration d) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
  }

  /** Thrown inside the exchange when a body passes the cap. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
      super("body larger than " + limit + " bytes");
    }
  }
}
