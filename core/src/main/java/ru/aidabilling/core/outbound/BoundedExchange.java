package ru.aidabilling.core.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One HTTP exchange whose answer — headers <em>and</em> the whole body — must arrive within a
 * deadline and stay under a size cap. Java 17's {@code HttpRequest.timeout} stops at the headers,
 * so a server that sends headers and then stalls would hold a thread for ever; here a body that is
 * late is cancelled, and a body over the cap is cut off at the cap, not read to the end.
 *
 * <p>It lives in core, beside the ports it serves, because both outbound adapters need it, adapters
 * never depend on each other, and it uses nothing but {@code java.net.http}. The domain, ports and
 * services never use it (ArchitectureTest).
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

    public ExchangeException(Failure failure, Throwable cause) {
      super(failure.name(), cause);
      this.failure = failure;
    }

    public Failure failure() {
      return failure;
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
   * Cancels answers whose body is late. One daemon thread for the whole JVM; a cancelled deadline
   * leaves the queue at once, so finished exchanges hold nothing.
   */
  private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

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
    return t;
  }

  /**
   * Sends the request and reads the whole answer.
   *
   * <p>The call blocks in {@link HttpClient#send}, not on {@code sendAsync}'s future: {@code
   * sendAsync} hands every answer to the JDK's common pool before the waiting thread sees it (one
   * more thread hand-off per call, measurable under load). The deadline is kept in two parts: the
   * request's own time-out (at most {@code deadline}) covers the connection and the headers, and a
   * timer cancels the body if it has not fully arrived when the deadline passes.
   *
   * @param deadline counted from now (connection set-up included) to the last byte of the body
   * @param maxBodyBytes the largest body accepted
   * @throws InterruptedException when the calling thread was interrupted (the exchange is aborted)
   */
  public static HttpResponse<byte[]> send(
      HttpClient client, HttpRequest request, Duration deadline, long maxBodyBytes)
      throws ExchangeException, InterruptedException {
    AtomicReference<CappedSubscriber> body = new AtomicReference<>();
    AtomicBoolean expired = new AtomicBoolean();
    HttpRequest timed =
        request.timeout().isPresent() && request.timeout().get().compareTo(deadline) <= 0
            ? request
            : HttpRequest.newBuilder(request, (name, value) -> true).timeout(deadline).build();
    ScheduledFuture<?> timer =
        DEADLINES.schedule(
            () -> {
              expired.set(true);
              CappedSubscriber s = body.get();
              if (s != null) {
                s.cancel();
              }
            },
            deadline.toNanos(),
            TimeUnit.NANOSECONDS);
    try {
      return client.send(
          timed,
          info -> {
            CappedSubscriber s =
                new CappedSubscriber(
                    maxBodyBytes, info.headers().firstValueAsLong("Content-Length"));
            body.set(s);
            if (expired.get()) {
              s.cancel(); // the deadline passed while the headers were being read
            }
            return s;
          });
    } catch (IOException e) {
      throw new ExchangeException(classify(e, body.get() != null), e);
    } finally {
      timer.cancel(false);
    }
  }

  /** Looks through the client's wrapping (it re-wraps what the exchange failed with) for why. */
  private static Failure classify(Throwable failure, boolean answerStarted) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BodyTooLargeException) {
        return Failure.TOO_LARGE;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof HttpConnectTimeoutException
          || t instanceof ConnectException
          || t instanceof UnresolvedAddressException) {
        return Failure.CONNECT;
      }
      if (t instanceof HttpTimeoutException) {
        return Failure.TIMEOUT;
      }
    }
    return answerStarted ? Failure.BROKEN : Failure.CONNECT;
  }

  /** Thrown inside the exchange when a body passes the cap. */
  public static final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
      super("body larger than " + limit + " bytes");
    }
  }

  /**
   * Collects the body up to a cap; cancels the subscription as soon as the cap is passed. Never
   * blocks: the adapters' clients run it on their selector thread.
   */
  private static final class CappedSubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final long announced;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;
    private long received;

    public CappedSubscriber(long max, java.util.OptionalLong contentLength) {
      this.max = max;
      this.announced = contentLength.orElse(-1);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (result.isDone()) {
        s.cancel(); // cancelled before the body started
        return;
      }
      if (announced > max) {
        s.cancel();
        result.completeExceptionally(new BodyTooLargeException(max));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        received += b.remaining();
        if (received > max) {
          subscription.cancel();
          result.completeExceptionally(new BodyTooLargeException(max));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        buffer.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    public void cancel() {
      Flow.Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      result.completeExceptionally(new HttpTimeoutException("answer deadline passed"));
    }
  }
}
