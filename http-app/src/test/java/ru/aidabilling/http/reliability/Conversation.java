package ru.aidabilling.http.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One raw connection a test drives step by step: send a head, read what the server says before the
 * body (a {@code 100 Continue}, an early refusal), send the body, read the rest. What {@link
 * RawHttp} cannot do, since it sends everything at once.
 */
final class Conversation implements AutoCloseable {
  private final Socket socket;
  private final long opened = System.nanoTime();

  Conversation(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(20_000);
  }

  /** Sends the head lines (CRLF added, blank line after). */
  Conversation head(String... lines) throws IOException {
    return send((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
  }

  Conversation send(String text) throws IOException {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  Conversation send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
    return this;
  }

  /** One line the server sent (without CRLF); "" at the end of the stream or after the wait. */
  String line(int waitMillis) throws IOException {
    socket.setSoTimeout(waitMillis);
    StringBuilder line = new StringBuilder();
    try {
      InputStream in = socket.getInputStream();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        line.append((char) c);
      }
    } catch (SocketTimeoutException e) {
      // nothing (more) came in time
    }
    return line.toString().strip();
  }

  /** Everything until the server closes the connection (or 20 s pass). */
  String rest() throws IOException {
    socket.setSoTimeout(20_000);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      socket.getInputStream().transferTo(buf);
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // what arrived is what counts
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  /** Milliseconds since the connection opened. */
  long millis() {
    return (System.nanoTime() - opened) / 1_000_000;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
