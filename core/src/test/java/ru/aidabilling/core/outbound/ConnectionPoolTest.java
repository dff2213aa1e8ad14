package ru.aidabilling.core.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.testing.RawServer;

/** The idle connections' pool, over real loopback connections. */
class ConnectionPoolTest {
  static final long LONG = 60_000_000_000L;
  final RawServer server = new RawServer((socket, n) -> Thread.sleep(20_000));
  final List<HttpConnection> made = new ArrayList<>();

  @AfterEach
  void stop() {
    made.forEach(HttpConnection::close);
    server.close();
  }

  HttpConnection connection(String key) throws Exception {
    HttpConnection c =
        new HttpConnection(
            key, new Socket(InetAddress.getLoopbackAddress(), server.uri("/").getPort()));
    made.add(c);
    return c;
  }

  @Test
  void itHoldsAtMostItsMaximumPerServerAndClosesTheOldest() throws Exception {
    ConnectionPool pool = new ConnectionPool(3);
    List<HttpConnection> cs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      HttpConnection c = connection("http://a");
      cs.add(c);
      pool.put(c, LONG);
    }
    pool.put(connection("http://b"), LONG);
    assertEquals(3, pool.idleCount("http://a"));
    assertEquals(1, pool.idleCount("http://b"));
    assertTrue(cs.get(0).isClosed() && cs.get(1).isClosed(), "the two oldest were closed");
    assertSame(cs.get(4), pool.take("http://a"), "newest first");
    assertSame(cs.get(3), pool.take("http://a"));
    assertSame(cs.get(2), pool.take("http://a"));
    assertNull(pool.take("http://a"));
    assertFalse(cs.get(2).isClosed());
  }

  @Test
  void aConnectionPastItsIdleTimeIsClosedNotTaken() throws Exception {
    ConnectionPool pool = new ConnectionPool(64);
    HttpConnection old = connection("http://a");
    pool.put(old, 1_000_000); // 1 ms
    Thread.sleep(20);
    assertNull(pool.take("http://a"));
    assertTrue(old.isClosed());
    HttpConnection older = connection("http://a");
    pool.put(older, 1_000_000);
    Thread.sleep(20);
    HttpConnection fresh = connection("http://a");
    pool.put(fresh, LONG);
    assertTrue(older.isClosed(), "dropped when the next one came in");
    assertEquals(1, pool.idleCount("http://a"));
    assertSame(fresh, pool.take("http://a"));
  }
}
