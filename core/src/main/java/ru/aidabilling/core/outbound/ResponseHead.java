package ru.aidabilling.core.outbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The status line and header fields of an answer, and what they say about its body and its
 * connection. Interim (1xx) answers are skipped; obs-fold and a head over the cap are refused.
 */
final class ResponseHead {
  final int status;
  final int minorVersion;

  /** Names as sent (the first spelling), found in any case; repeated fields in order. */
  final TreeMap<String, List<String>> headers;

  private ResponseHead(int status, int minorVersion, TreeMap<String, List<String>> headers) {
    this.status = status;
    this.minorVersion = minorVersion;
    this.headers = headers;
  }

  /** Reads the final answer's head, skipping interim ones; all of them within {@code cap} bytes. */
  static ResponseHead read(HttpConnection c, long endNanos, int cap) throws IOException {
    int[] budget = {cap};
    while (true) {
      String statusLine = c.readLine(endNanos, budget);
      int minor = minorVersion(statusLine);
      int status = status(statusLine);
      TreeMap<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      String line;
      while (!(line = c.readLine(endNanos, budget)).isEmpty()) {
        addField(headers, line);
      }
      if (status == 101) {
        throw new IOException("unexpected 101 Switching Protocols");
      }
      if (status >= 200) {
        return new ResponseHead(status, minor, headers);
      }
    }
  }

  private static int minorVersion(String line) throws IOException {
    if (line.length() < 12
        || !line.startsWith("HTTP/1.")
        || line.charAt(8) != ' '
        || line.charAt(7) < '0'
        || line.charAt(7) > '9') {
      throw new IOException("not an HTTP/1.x answer");
    }
    return line.charAt(7) - '0';
  }

  private static int status(String line) throws IOException {
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char ch = line.charAt(i);
      if (ch < '0' || ch > '9') {
        throw new IOException("not an HTTP/1.x answer");
      }
      status = status * 10 + (ch - '0');
    }
    if (status < 100 || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new IOException("not an HTTP/1.x answer");
    }
    return status;
  }

  private static void addField(TreeMap<String, List<String>> headers, String line)
      throws IOException {
    char first = line.charAt(0);
    if (first == ' ' || first == '\t') {
      throw new IOException("folded header line (obs-fold)");
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new IOException("header line without a name");
    }
    for (int i = 0; i < colon; i++) {
      char ch = line.charAt(i);
      if (ch <= ' ' || ch >= 0x7f) {
        throw new IOException("bad header name");
      }
    }
    int from = colon + 1;
    int to = line.length();
    while (from < to && isSpace(line.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(line.charAt(to - 1))) {
      to--;
    }
    headers
        .computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>(1))
        .add(line.substring(from, to));
  }

  private static boolean isSpace(char ch) {
    return ch == ' ' || ch == '\t';
  }

  /** Whether the answer has a body at all (not for HEAD, 204 or 304). */
  boolean hasBody(String method) {
    return status != 204 && status != 304 && !"HEAD".equals(method);
  }

  /** Whether a Transfer-Encoding is given. */
  boolean hasTransferEncoding() {
    return headers.containsKey("Transfer-Encoding");
  }

  /** Whether chunked is the last transfer coding. */
  boolean chunked() {
    List<String> values = headers.get("Transfer-Encoding");
    if (values == null) {
      return false;
    }
    String last = values.get(values.size() - 1);
    int comma = last.lastIndexOf(',');
    return last.substring(comma + 1).strip().equalsIgnoreCase("chunked");
  }

  /** The Content-Length, or -1 without one; an invalid or conflicting one fails. */
  long contentLength() throws IOException {
    List<String> values = headers.get("Content-Length");
    if (values == null) {
      return -1;
    }
    long length = -1;
    for (String value : values) {
      for (String part : value.split(",", -1)) {
        String digits = part.strip();
        if (digits.isEmpty() || digits.length() > 18) {
          throw new IOException("invalid Content-Length");
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
          char ch = digits.charAt(i);
          if (ch < '0' || ch > '9') {
            throw new IOException("invalid Content-Length");
          }
          n = n * 10 + (ch - '0');
        }
        if (length >= 0 && n != length) {
          throw new IOException("conflicting Content-Length values");
        }
        length = n;
      }
    }
    return length;
  }

  /** Whether the server lets the connection carry another exchange. */
  boolean keepAlive() {
    boolean close = false;
    boolean keep = false;
    List<String> values = headers.get("Connection");
    if (values != null) {
      for (String value : values) {
        for (String token : value.split(",")) {
          String t = token.strip();
          close |= t.equalsIgnoreCase("close");
          keep |= t.equalsIgnoreCase("keep-alive");
        }
      }
    }
    return !close && (minorVersion >= 1 || keep);
  }

  /** The server's {@code Keep-Alive: timeout=N} in nanoseconds, or -1 without one. */
  long keepAliveTimeoutNanos() {
    List<String> values = headers.get("Keep-Alive");
    if (values == null) {
      return -1;
    }
    for (String value : values) {
      for (String param : value.split(",")) {
        String p = param.strip();
        if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
          try {
            return Math.max(0, Long.parseLong(p.substring(8).strip())) * 1_000_000_000L;
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
    }
    return -1;
  }
}
