package ru.aidabilling.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * FreeScout and billing on a loopback port, answering as the real ones do (shapes from the shared
 * fixtures), so tests run the CLI through the real adapters. Customer i (1..count) has phone +7900
 * followed by i in 7 digits and the first name "Ivan"; billing knows every phone, customer 1 as the
 * seed's Новичков Тарас Викторович.
 */
final class StubUpstreams implements AutoCloseable {
  final List<String> puts = new CopyOnWriteArrayList<>();
  volatile int freescoutStatus = 200;
  private final int count;
  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  StubUpstreams(int count) throws IOException {
    this.count = count;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(pool);
    server.createContext("/api/customers", this::freescout);
    server.createContext("/billing", this::billing);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Cli cli(java.nio.file.Path audit) {
    return Cli.create()
        .wiring(CliApp::realWiring)
        .env("AIDA_BILLING_URL", url() + "/billing")
        .env("AIDA_FREESCOUT_URL", url())
        .env("AIDA_FREESCOUT_API_KEY", "test-key")
        .env("AIDA_AUDIT_FILE", audit.toString());
  }

  private void freescout(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    if (freescoutStatus == 401
        || !"test-key".equals(ex.getRequestHeaders().getFirst("X-FreeScout-API-Key"))) {
      send(ex, 401, "{\"message\":\"Unauthorized\"}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    if (path.equals("/api/customers")) {
      String q = ex.getRequestURI().getRawQuery();
      int page = Integer.parseInt(param(q, "page", "1"));
      int size = Integer.parseInt(param(q, "pageSize", "50"));
      StringBuilder b = new StringBuilder("{\"_embedded\":{\"customers\":[");
      for (int id = (page - 1) * size + 1; id <= Math.min(count, page * size); id++) {
        b.append(id == (page - 1) * size + 1 ? "" : ",").append(customer(id));
      }
      int pages = Math.max(1, (count + size - 1) / size);
      b.append("]},\"page\":{\"size\":")
          .append(size)
          .append(",\"totalElements\":")
          .append(count)
          .append(",\"totalPages\":")
          .append(pages)
          .append(",\"number\":")
          .append(page)
          .append("}}");
      send(ex, 200, b.toString());
      return;
    }
    long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
    if (id < 1 || id > count) {
      send(ex, 404, "{\"message\":\"Not Found\"}");
    } else if (ex.getRequestMethod().equals("PUT")) {
      puts.add(id + " " + body);
      send(ex, 204, "");
    } else {
      send(ex, 200, customer(id));
    }
  }

  private void billing(HttpExchange ex) throws IOException {
    String phone = param(ex.getRequestURI().getRawQuery(), "phone", "");
    String digits = phone.replaceAll("\\D", "");
    String name = digits.endsWith("0000001") ? "Новичков Тарас Викторович" : "Петров Иван Иванович";
    send(
        ex,
        200,
        "{\"client\":{\"fullname\":\""
            + name
            + "\",\"contract_number\":\""
            + (digits.endsWith("0000001") ? "0138" : "C" + digits)
            + "\",\"address\":\"поселок Соляной Набережная 8/1\",\"tariff\":\"2024_SMiT\","
            + "\"ballance\":\"256.52\"}}");
  }

  private static String customer(long id) {
    return "{\"id\":"
        + id
        + ",\"firstName\":\"Ivan\",\"lastName\":null,\"company\":null,"
        + "\"createdAt\":\"2024-01-01T00:00:"
        + String.format("%02d", id % 60)
        + "Z\","
        + "\"_embedded\":{\"emails\":[],\"phones\":[{\"id\":0,\"value\":\""
        + String.format("+7900%07d", id)
        + "\",\"type\":\"work\"}],\"social_profiles\":[],\"websites\":[],"
        + "\"address\":{\"city\":null,\"state\":null,\"zip\":null,\"country\":null,\"address\":null}}}";
  }

  private static String param(String rawQuery, String name, String fallback) {
    if (rawQuery == null) {
      return fallback;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(
            pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    return fallback;
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
    if (status != 204) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
