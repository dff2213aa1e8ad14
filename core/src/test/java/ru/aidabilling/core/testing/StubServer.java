package ru.aidabilling.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server (the JDK's own) that records every request and answers with whatever the
 * test's responder says. Decodes the query as a PHP billing would ({@code +} is a space).
 */
public final class StubServer implements AutoCloseable {
  /** A request as the server saw it. */
  public record Seen(
      String method,
      String path,
      String rawQuery,
      Map<String, String> query,
      Map<String, List<String>> headers,
      byte[] body) {
    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** An answer; {@code chunked} sends it without a Content-Length. */
  public record Reply(int status, byte[] body, String contentType, boolean chunked) {
    public static Reply json(int status, String body) {
      return new Reply(status, body.getBytes(StandardCharsets.UTF_8), "application/json", false);
    }

    public static Reply html(int status, String body) {
      return new Reply(status, body.getBytes(StandardCharsets.UTF_8), "text/html", false);
    }
  }

  public interface Responder {
    Reply reply(Seen request) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile Responder responder;

  public StubServer(Responder responder) {
    this.responder = responder;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  public static StubServer answering(Reply reply) {
    return new StubServer(r -> reply);
  }

  public void respondWith(Responder r) {
    this.responder = r;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
  }

  public List<Seen> requests() {
    return new ArrayList<>(seen);
  }

  public Seen last() {
    return seen.get(seen.size() - 1);
  }

  public int count() {
    return seen.size();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      String raw = ex.getRequestURI().getRawQuery();
      Seen s =
          new Seen(
              ex.getRequestMethod(),
              ex.getRequestURI().getPath(),
              raw,
              decode(raw),
              new LinkedHashMap<>(ex.getRequestHeaders()),
              body);
      seen.add(s);
      Reply r = responder.reply(s);
      if (r.contentType() != null) {
        ex.getResponseHeaders().set("Content-Type", r.contentType());
      }
      long length = r.chunked() ? 0 : (r.body().length == 0 ? -1 : r.body().length);
      ex.sendResponseHeaders(r.status(), length);
      if (r.body().length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(r.body());
        }
      }
    } catch (IOException e) {
      // the client went away (e.g. it cut a body over its limit): nothing to do
    }
  }

  private static Map<String, String> decode(String raw) {
    Map<String, String> q = new LinkedHashMap<>();
    if (raw == null) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      q.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return q;
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
