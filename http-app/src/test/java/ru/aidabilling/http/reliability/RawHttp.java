package ru.aidabilling.http.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A client that writes exactly the bytes a test gives it: what {@code java.net.http} refuses to
 * send (CR/LF in header values, raw non-ASCII, {@code %00} and {@code ..} in paths, bodies that are
 * not UTF-8, lying lengths) is what a hostile or broken client does send.
 */
final class RawHttp {
  private RawHttp() {}

  /** A parsed answer; {@code status} 0 when the server closed without answering. */
  record Answer(int status, List<String> headers, String body) {
    Optional<String> header(String name) {
      String prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(h -> h.substring(prefix.length()).strip())
          .findFirst();
    }

    @Override
    public String toString() {
      return status + " " + headers + "\n" + body;
    }
  }

  /**
   * Sends {@code head} (lines joined by CRLF, blank line added; non-ASCII goes as raw UTF-8 bytes)
   * and {@code body}.
   */
  static Answer send(int port, String head, byte[] body) {
    byte[] h = (head + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[h.length + body.length];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return sendBytes(port, all);
  }

  /** Sends the bytes as they are and reads the answer until the server closes or 20 s pass. */
  static Answer sendBytes(int port, byte[] bytes) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(20_000);
      OutputStream out = s.getOutputStream();
      try {
        out.write(bytes);
        out.flush();
      } catch (java.net.SocketException e) {
        // the server answered early (e.g. 413) and closed: its answer is what counts
      }
      return read(s.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A request with {@code Connection: close} and a correct {@code Content-Length} unless the extra
   * headers set their own.
   */
  static Answer request(
      int port, String method, String target, List<String> extraHeaders, byte[] body) {
    List<String> lines = new ArrayList<>();
    lines.add(method + " " + target + " HTTP/1.1");
    lines.add("Host: 127.0.0.1:" + port);
    lines.add("Connection: close");
    boolean lengthGiven =
        extraHeaders.stream()
            .anyMatch(
                h ->
                    h.toLowerCase(Locale.ROOT).startsWith("content-length:")
                        || h.toLowerCase(Locale.ROOT).startsWith("transfer-encoding:"));
    lines.addAll(extraHeaders);
    if (!lengthGiven && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
      lines.add("Content-Length: " + body.length);
    }
    return send(port, String.join("\r\n", lines), body);
  }

  /** Reads an answer from a connection a test wrote itself, until the server closes. */
  static Answer readAnswer(InputStream in) throws IOException {
    return read(in);
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    try {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        buf.write(chunk, 0, n);
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // what arrived is what we judge
    }
    String text = buf.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.") || end < 0) {
      return new Answer(0, List.of(), text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    List<String> headers = List.of(lines).subList(1, lines.length);
    String body = text.substring(end + 4);
    boolean chunked =
        headers.stream()
            .anyMatch(h -> h.toLowerCase(Locale.ROOT).matches("transfer-encoding:.*chunked.*"));
    return new Answer(status, headers, chunked ? dechunk(body) : body);
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < body.length()) {
      int eol = body.indexOf("\r\n", i);
      if (eol < 0) {
        break;
      }
      int size = Integer.parseInt(body.substring(i, eol).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      // sizes count bytes; bodies here are ASCII-safe enough to cut by bytes of UTF-8
      byte[] rest = body.substring(eol + 2).getBytes(StandardCharsets.UTF_8);
      String part = new String(rest, 0, Math.min(size, rest.length), StandardCharsets.UTF_8);
      out.append(part);
      i = eol + 2 + part.length() + 2;
    }
    return out.toString();
  }
}
