package ru.aidabilling.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.outbound.BoundedExchange.Answer;
import ru.aidabilling.core.outbound.BoundedExchange.ExchangeException;
import ru.aidabilling.core.outbound.BoundedExchange.Failure;
import ru.aidabilling.core.outbound.BoundedExchange.Request;

/** https against a loopback TLS server with a test certificate (see resources/tls/README.md). */
class BoundedExchangeTlsTest {
  static final Duration CONNECT = Duration.ofSeconds(2);
  static final Duration DEADLINE = Duration.ofSeconds(5);
  static final char[] PASSWORD = "changeit".toCharArray();

  SSLServerSocket listener;
  final AtomicInteger connections = new AtomicInteger();

  @AfterEach
  void stop() throws IOException {
    if (listener != null) {
      listener.close();
    }
  }

  static KeyStore store(String name) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = BoundedExchangeTlsTest.class.getResourceAsStream("/tls/" + name)) {
      ks.load(in, PASSWORD);
    }
    return ks;
  }

  /** A client that trusts exactly the certificate in {@code name}. */
  static SSLSocketFactory trusting(String name) throws Exception {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store(name));
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(null, tmf.getTrustManagers(), null);
    return c.getSocketFactory();
  }

  /**
   * A loopback TLS server with the key in {@code name}, answering every request on a connection.
   */
  URI serve(String name) throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store(name), PASSWORD);
    SSLContext c = SSLContext.getInstance("TLS");
    c.init(kmf.getKeyManagers(), null, null);
    listener =
        (SSLServerSocket)
            c.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor =
        new Thread(
            () -> {
              while (!listener.isClosed()) {
                try {
                  Socket s = listener.accept();
                  connections.incrementAndGet();
                  Thread t = new Thread(() -> answer(s));
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    return URI.create("https://127.0.0.1:" + listener.getLocalPort() + "/api/x?a=1");
  }

  private static void answer(Socket s) {
    try (s) {
      while (BoundedExchangeProtocolTest.readRequest(s) != null) {
        s.getOutputStream()
            .write(
                "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nsecured"
                    .getBytes(StandardCharsets.ISO_8859_1));
      }
    } catch (IOException e) {
      // a refused handshake, or the client left
    }
  }

  @Test
  void aGetOverTlsWorksAndReusesItsConnection() throws Exception {
    URI uri = serve("localhost.p12");
    SSLSocketFactory tls = trusting("localhost.p12");
    for (int i = 0; i < 3; i++) {
      Answer a = BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, DEADLINE, 1000, tls);
      assertEquals("secured", new String(a.body(), StandardCharsets.UTF_8));
    }
    assertEquals(1, connections.get());
  }

  @Test
  void aCertificateForAnotherNameIsRefusedBeforeSending() throws Exception {
    URI uri = serve("other.p12");
    SSLSocketFactory tls = trusting("other.p12"); // trusted, but not for 127.0.0.1
    ExchangeException e =
        assertThrows(
            ExchangeException.class,
            () -> BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, DEADLINE, 1000, tls));
    assertEquals(Failure.CONNECT, e.failure());
    assertFalse(e.requestMaybeSent());
  }

  @Test
  void anUntrustedCertificateIsRefusedBeforeSending() throws Exception {
    URI uri = serve("localhost.p12");
    ExchangeException e =
        assertThrows(
            ExchangeException.class,
            () -> BoundedExchange.send(Request.get(uri, Map.of()), CONNECT, DEADLINE, 1000));
    assertEquals(Failure.CONNECT, e.failure());
    assertFalse(e.requestMaybeSent());
  }

  @Test
  void aServerThatNeverShakesHandsEndsAtTheDeadline() throws Exception {
    try (java.net.ServerSocket silent =
        new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      URI uri = URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/");
      long t0 = System.nanoTime();
      ExchangeException e =
          assertThrows(
              ExchangeException.class,
              () ->
                  BoundedExchange.send(
                      Request.get(uri, Map.of()),
                      CONNECT,
                      Duration.ofMillis(500),
                      1000,
                      trusting("localhost.p12")));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(Failure.TIMEOUT, e.failure());
      assertFalse(e.requestMaybeSent());
      org.junit.jupiter.api.Assertions.assertTrue(ms < 1000, "ended after " + ms + " ms");
    }
  }
}
