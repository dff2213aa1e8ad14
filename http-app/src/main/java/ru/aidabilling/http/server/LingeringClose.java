package ru.aidabilling.http.server;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.protocol.http.HttpServerConnection;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * The lingering close of a connection whose answer went out before its request's body was read (a
 * 413 on the declared length or past the limit of a chunked body, a 401, 403, 404, 405, 415, 429,
 * 503 refusal, a body time-out). Undertow closes such a connection as soon as the answer is out,
 * with the body's unread bytes in the socket: the kernel then resets the connection, and a client
 * still writing its body gets the reset instead of the answer it has not read yet (the JDK's
 * HttpClient: «header parser received no bytes»; curl: «Send failure: Connection reset by peer»).
 * Undertow's own drain before a close ({@code ConnectionUtils.cleanClose}) stops at the first byte
 * that arrives, and no Undertow or XNIO option lingers.
 *
 * <p>So once the exchange is over (logged, counted, its body budget given back), the connection
 * sends its FIN right after the answer and then reads and discards whatever the client still sends,
 * into one pooled receive buffer (nothing of it is kept), until the client closes (then Undertow
 * closes it cleanly), or for at most {@link #MAX_MILLIS} in all or {@link #MAX_BYTES}, whichever
 * comes first, and then closes it (a reset now comes after the client has had time to read the
 * answer). A second is many round trips, time for any client that reads while it sends (curl,
 * Guzzle, the JDK's HttpClient) to see the answer and stop, on a loaded machine too; 8 MiB is what
 * it can have in flight by then (up to 4 MiB in its send buffer, Linux's {@code tcp_wmem} ceiling,
 * and a large write under way) and costs a few milliseconds of one I/O thread to read. The bound is
 * on the whole linger, not on the pause between bytes, so a client that trickles a byte at a time
 * is cut off at the second like any other. Nothing here runs on a worker: the reads and the timer
 * are the connection's I/O thread's. A lingering connection still counts against {@code
 * AIDA_MAX_CONNECTIONS}, and at most a quarter of those (at most 64) linger at once: past that, a
 * connection is closed at once, as before, so that a flood of oversized requests cannot hold the
 * connections normal requests need (and 64 × 8 MiB a second is all the reading they can cost).
 */
final class LingeringClose implements ExchangeCompletionListener {
  /** The longest a connection lingers, whatever the client does. */
  static final long MAX_MILLIS = 1_000;

  /** The most a lingering connection reads and discards before it closes. */
  static final long MAX_BYTES = 8L << 20;

  /** The most connections that linger at once, whatever {@code AIDA_MAX_CONNECTIONS} allows. */
  static final int MAX_LINGERING = 64;

  /** Reads per readiness event, so that one client cannot hold its I/O thread. */
  private static final int READS_PER_EVENT = 8;

  private static final AttachmentKey<Boolean> WANTED = AttachmentKey.create(Boolean.class);

  private final int cap;
  private final AtomicInteger lingering = new AtomicInteger();

  LingeringClose(int maxConnections) {
    this.cap = Math.max(1, Math.min(MAX_LINGERING, maxConnections / 4));
  }

  /**
   * Marks an exchange answered before its body was read: its connection closes, lingering, once the
   * exchange completes. Call before the answer is sent. The request counts as ended from here:
   * otherwise Undertow shuts the socket's input when the exchange ends, and what the client still
   * sends could no longer be read.
   */
  static void mark(HttpServerExchange ex) {
    ex.setPersistent(false);
    if (ex.getConnection() instanceof HttpServerConnection && !ex.isRequestComplete()) {
      ex.putAttachment(WANTED, Boolean.TRUE);
      Connectors.terminateRequest(ex);
    }
  }

  /**
   * Runs after every other completion listener (it is added first) and before Undertow's own
   * handling of the connection, which the linger defers.
   */
  @Override
  public void exchangeEvent(HttpServerExchange ex, NextListener next) {
    if (ex.getAttachment(WANTED) == null
        || !(ex.getConnection() instanceof HttpServerConnection connection)) {
      next.proceed();
      return;
    }
    if (!connection.isOpen()) {
      next.proceed();
      return;
    }
    if (lingering.incrementAndGet() > cap) {
      lingering.decrementAndGet();
      // closed at once, as before (Undertow's drain would wait up to 10 s for a byte)
      IoUtils.safeClose(connection.getChannel());
      next.proceed();
      return;
    }
    Linger linger = new Linger(connection, next);
    if (ex.isInIoThread()) {
      linger.start();
    } else {
      connection.getIoThread().execute(linger::start);
    }
  }

  /** One connection's linger, on its I/O thread. */
  private final class Linger {
    private final HttpServerConnection connection;
    private final StreamConnection channel;
    private final NextListener next;
    private PooledByteBuffer buffer;
    private XnioExecutor.Key timer;
    private long discarded;
    private boolean done;

    Linger(HttpServerConnection connection, NextListener next) {
      this.connection = connection;
      this.channel = connection.getChannel();
      this.next = next;
    }

    void start() {
      try {
        // the bare socket: what follows is discarded whatever its framing
        connection.clearChannel();
        PooledByteBuffer extra = connection.getExtraBytes();
        if (extra != null) {
          discarded += extra.getBuffer().remaining();
          extra.close();
          connection.setExtraBytes(null);
        }
        // the answer is out (the exchange completed once it was flushed): FIN after it
        channel.getSinkChannel().shutdownWrites();
        if (!channel.getSinkChannel().flush()) {
          finish(false);
          return;
        }
        buffer = connection.getByteBufferPool().allocate();
        timer =
            channel
                .getIoThread()
                .executeAfter(() -> finish(false), MAX_MILLIS, TimeUnit.MILLISECONDS);
        ConduitStreamSourceChannel source = channel.getSourceChannel();
        source.setReadListener(c -> drain(c));
        source.resumeReads();
      } catch (IOException | RuntimeException e) {
        finish(false);
      }
    }

    private void drain(ConduitStreamSourceChannel source) {
      if (done) {
        return;
      }
      try {
        ByteBuffer b = buffer.getBuffer();
        for (int i = 0; i < READS_PER_EVENT; i++) {
          b.clear();
          int n = source.read(b);
          if (n < 0) {
            finish(true); // the client has closed: it has read the answer, or never will
            return;
          }
          if (n == 0) {
            return;
          }
          discarded += n;
          if (discarded > MAX_BYTES) {
            finish(false);
            return;
          }
        }
      } catch (IOException | RuntimeException e) {
        finish(false);
      }
    }

    /**
     * Ends the linger: after the client's EOF Undertow closes the connection itself; otherwise it
     * is closed here first (Undertow's drain would wait up to 10 s for a byte).
     */
    private void finish(boolean clientClosed) {
      if (done) {
        return;
      }
      done = true;
      lingering.decrementAndGet();
      if (timer != null) {
        timer.remove();
      }
      ConduitStreamSourceChannel source = channel.getSourceChannel();
      source.suspendReads();
      source.getReadSetter().set(null);
      if (buffer != null) {
        buffer.close();
      }
      if (!clientClosed) {
        IoUtils.safeClose(channel);
      }
      next.proceed();
    }
  }
}
