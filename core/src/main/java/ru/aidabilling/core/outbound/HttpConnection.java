package ru.aidabilling.core.outbound;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import ru.aidabilling.core.outbound.BoundedExchange.BodyTooLargeException;

/**
 * One client connection (plain or TLS) with its own read buffer, kept across the exchanges it
 * carries. Every read waits at most until the exchange's deadline, and fails once it has passed.
 * Not thread-safe: one exchange uses it at a time, and the pool hands it to one exchange.
 */
final class HttpConnection {
  /** The read buffer's size; a head line longer than this grows it, up to the head cap. */
  static final int BUFFER_BYTES = 16 * 1024;

  final String key;
  private final Socket socket;

  /**
   * The plain socket under a TLS {@link #socket}, which keeps the deadline per read; null for http.
   */
  private final DeadlineSocket raw;

  private final InputStream in;
  private final OutputStream out;
  private byte[] buf = new byte[BUFFER_BYTES];
  private int pos;
  private int lim;
  private boolean answerStarted;
  private boolean closed;

  /** When the pool drops it ({@link System#nanoTime()}); set when it goes back to the pool. */
  long idleUntil;

  HttpConnection(String key, Socket socket) throws IOException {
    this(key, socket, socket instanceof DeadlineSocket d ? d : null);
  }

  private HttpConnection(String key, Socket socket, DeadlineSocket raw) throws IOException {
    this.key = key;
    this.socket = socket;
    this.raw = raw;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects (and for TLS shakes hands) within {@code connectMillis} and the deadline.
   *
   * @param host the host name or address, IPv6 without brackets
   * @param tls null for plain http
   */
  static HttpConnection open(
      String key, String host, int port, int connectMillis, long endNanos, SSLSocketFactory tls)
      throws IOException {
    // Only TLS needs the socket that keeps the deadline per read: plain http reads the socket
    // directly, and read() below sets the time-out and checks the deadline itself.
    DeadlineSocket under = tls == null ? null : new DeadlineSocket();
    Socket s = under == null ? new Socket(Proxy.NO_PROXY) : under;
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), connectMillis);
      if (tls != null) {
        under.endNanos = endNanos; // every read of the handshake, not just each one, ends by then
        SSLSocket ssl = (SSLSocket) tls.createSocket(s, host, port, true); // host: SNI
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // host name verification
        ssl.setSSLParameters(p);
        ssl.setSoTimeout(remainingMillis(endNanos));
        ssl.startHandshake();
        checkDeadline(endNanos);
        s = ssl;
      }
      return new HttpConnection(key, s, under);
    } catch (IOException | RuntimeException e) {
      closeQuietly(s);
      throw e;
    }
  }

  /** Writes the whole request at once, and starts a new answer. */
  void send(byte[] request) throws IOException {
    answerStarted = false;
    out.write(request);
    out.flush();
  }

  /** Whether any byte of the answer to the last request came. */
  boolean answerStarted() {
    return answerStarted;
  }

  /** Whether nothing unread is left in the buffer (a connection with leftovers is not reused). */
  boolean drained() {
    return pos == lim;
  }

  /**
   * One line of a head, without its CR LF (a bare LF is taken too), as ISO-8859-1.
   *
   * @param budget how many bytes the rest of the head may still take; {@code budget[0]} shrinks
   */
  String readLine(long endNanos, int[] budget) throws IOException {
    int scanned = 0; // bytes after pos already looked at
    while (true) {
      for (int i = pos + scanned; i < lim; i++) {
        if (buf[i] == '\n') {
          budget[0] -= i + 1 - pos;
          if (budget[0] < 0) {
            throw new IOException("answer head over the cap");
          }
          int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
          String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
          pos = i + 1;
          return line;
        }
      }
      scanned = lim - pos;
      if (scanned >= budget[0]) {
        throw new IOException("answer head over the cap");
      }
      if (fill(endNanos) < 0) {
        throw new EOFException("connection closed in the answer head");
      }
    }
  }

  /** Exactly {@code n} body bytes. */
  byte[] readFixed(int n, long endNanos) throws IOException {
    byte[] body = new byte[n];
    int have = Math.min(n, lim - pos);
    System.arraycopy(buf, pos, body, 0, have);
    pos += have;
    while (have < n) {
      int r = read(body, have, n - have, endNanos);
      if (r < 0) {
        throw new EOFException("body ended after " + have + " of " + n + " bytes");
      }
      have += r;
    }
    return body;
  }

  /** The body up to the end of the connection, failing as soon as it passes {@code max}. */
  byte[] readToEof(long max, long endNanos) throws IOException {
    Growing body = new Growing(max);
    body.take(this, lim - pos);
    while (true) {
      if (fill(endNanos) < 0) {
        return body.bytes();
      }
      body.take(this, lim - pos);
    }
  }

  /** The longest chunk-size line (size and extensions) or line end after a chunk's data. */
  static final int MAX_CHUNK_LINE = 4096;

  /**
   * A chunked body (extensions and trailers skipped), failing as soon as it passes {@code max}.
   * Each chunk line may take {@link #MAX_CHUNK_LINE} bytes, the trailers {@code trailerCap} in all.
   */
  byte[] readChunked(long max, long endNanos, int trailerCap) throws IOException {
    Growing body = new Growing(max);
    int[] line = new int[1];
    while (true) {
      line[0] = MAX_CHUNK_LINE;
      long size = chunkSize(readLine(endNanos, line));
      if (size == 0) {
        int[] trailers = {trailerCap};
        while (!readLine(endNanos, trailers).isEmpty()) {
          // a trailer field: not kept
        }
        return body.bytes();
      }
      if (body.length + size > max) {
        throw new BodyTooLargeException(max);
      }
      long left = size;
      while (left > 0) {
        if (pos == lim && fill(endNanos) < 0) {
          throw new EOFException("chunked body ended inside a chunk");
        }
        int n = (int) Math.min(left, lim - pos);
        body.take(this, n);
        left -= n;
      }
      line[0] = MAX_CHUNK_LINE;
      if (!readLine(endNanos, line).isEmpty()) {
        throw new IOException("chunk not followed by CR LF");
      }
    }
  }

  private static long chunkSize(String line) throws IOException {
    int end = line.indexOf(';');
    String hex = (end < 0 ? line : line.substring(0, end)).strip();
    if (hex.isEmpty() || hex.length() > 15) {
      throw new IOException("bad chunk size");
    }
    long size = 0;
    for (int i = 0; i < hex.length(); i++) {
      int d = Character.digit(hex.charAt(i), 16);
      if (d < 0) {
        throw new IOException("bad chunk size");
      }
      size = size * 16 + d;
    }
    return size;
  }

  /** A body that grows as it is read, never past its cap. */
  private static final class Growing {
    final long max;
    byte[] bytes = new byte[256];
    int length;

    Growing(long max) {
      this.max = max;
    }

    /** Moves {@code n} buffered bytes of {@code c} into the body. */
    void take(HttpConnection c, int n) throws BodyTooLargeException {
      if (length + (long) n > max) {
        throw new BodyTooLargeException(max);
      }
      if (length + n > bytes.length) {
        bytes = Arrays.copyOf(bytes, (int) Math.min(max, Math.max(length + n, 2L * bytes.length)));
      }
      System.arraycopy(c.buf, c.pos, bytes, length, n);
      length += n;
      c.pos += n;
    }

    byte[] bytes() {
      return Arrays.copyOf(bytes, length);
    }
  }

  /** Reads more into the buffer (moving what is unread to its start, growing it when full). */
  private int fill(long endNanos) throws IOException {
    if (pos == lim) {
      pos = 0;
      lim = 0;
    } else if (lim == buf.length) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
      } else {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
    }
    int n = read(buf, lim, buf.length - lim, endNanos);
    if (n > 0) {
      lim += n;
    }
    return n;
  }

  private int read(byte[] b, int off, int len, long endNanos) throws IOException {
    if (raw != null) {
      raw.endNanos = endNanos; // TLS: a record read in many socket reads still ends by then
    }
    socket.setSoTimeout(remainingMillis(endNanos));
    int n = in.read(b, off, len);
    if (n > 0) {
      answerStarted = true;
    }
    checkDeadline(endNanos);
    return n;
  }

  /** The time left until the deadline, at least 1 ms; fails when it has passed. */
  static int remainingMillis(long endNanos) throws SocketTimeoutException {
    long left = endNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("answer deadline passed");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (left + 999_999) / 1_000_000));
  }

  static void checkDeadline(long endNanos) throws SocketTimeoutException {
    if (System.nanoTime() - endNanos > 0) {
      throw new SocketTimeoutException("answer deadline passed");
    }
  }

  /**
   * A plain socket whose every read waits at most until {@link #endNanos} and fails once it has
   * passed. TLS reads through it: one TLS read (a handshake message, a record of up to 16 KiB) is
   * many socket reads, and a per-read time-out alone would let a server that trickles those bytes
   * hold the exchange far past its deadline.
   */
  static final class DeadlineSocket extends Socket {
    /** When reads end ({@link System#nanoTime()}); set before the reads of each exchange. */
    long endNanos;

    DeadlineSocket() {
      super(Proxy.NO_PROXY);
    }

    @Override
    public InputStream getInputStream() throws IOException {
      InputStream in = super.getInputStream();
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          int n = read(one, 0, 1);
          return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          setSoTimeout(remainingMillis(endNanos));
          int n = in.read(b, off, len);
          checkDeadline(endNanos);
          return n;
        }

        @Override
        public int available() throws IOException {
          return in.available();
        }

        @Override
        public void close() throws IOException {
          in.close();
        }
      };
    }
  }

  boolean isClosed() {
    return closed;
  }

  void close() {
    if (!closed) {
      closed = true;
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
