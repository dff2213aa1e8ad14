package ru.aidabilling.http.sandbox;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the two fake upstreams share: a loopback JDK server on an ephemeral port, query parsing,
 * bounded body reading and answer writing. The fakes use the JDK server on purpose: they stand in
 * for foreign systems, so they must not share Undertow's code with the service they test.
 */
final class FakeHttp {
  /** The largest request body a fake reads; FreeScout's PUT bodies are tiny. */
  static final int MAX_BODY = 1 << 20;

  /** Plain JSON, UTF-8 as written (the billing system's style). */
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * JSON as PHP's {@code json_encode} writes it by default: {@code \/} for a slash and {@code
   * \\uXXXX} for every non-ASCII character — the escapes the real FreeScout bodies carry.
   */
  static final ObjectMapper PHP_JSON = phpJson();

  private FakeHttp() {}

  static HttpServer loopbackServer(String name) throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(pool);
    return server;
  }

  static void stop(HttpServer server) {
    server.stop(0);
    if (server.getExecutor() instanceof ExecutorService pool) {
      pool.shutdownNow();
    }
  }

  /** Decoded query parameters; the first value wins when a name repeats. */
  static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        out.putIfAbsent(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException badEscape) {
        // A malformed %-escape reads as an absent parameter, as PHP would mostly have it.
      }
    }
    return out;
  }

  /** The request body, or null when it is larger than {@link #MAX_BODY}. */
  static byte[] body(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      return bytes.length > MAX_BODY ? null : bytes;
    }
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] body)
      throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    if (body == null || body.length == 0) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
    ex.close();
  }

  private static ObjectMapper phpJson() {
    JsonFactory factory = new JsonFactory();
    factory.setCharacterEscapes(new PhpEscapes());
    return new ObjectMapper(factory);
  }

  /**
   * Adds PHP's {@code \/} to JSON's standard escapes and writes every non-ASCII character as {@code
   * \\u} with four lower-case hex digits (surrogate pairs as two escapes), as PHP does.
   */
  private static final class PhpEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private static final SerializedString SLASH = new SerializedString("\\/");
    private final int[] escapes;

    PhpEscapes() {
      escapes = standardAsciiEscapesForJSON();
      escapes['/'] = ESCAPE_CUSTOM;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return escapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      if (ch == '/') {
        return SLASH;
      }
      return ch > 0x7f ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
