package ru.aidabilling.http.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class PortHoldTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aHeldPortRefusesConnectionsAndCanListenAgainOnceReleased() throws IOException {
    int port;
    try (ServerSocket first = new ServerSocket(0, 50, LOOPBACK)) {
      port = first.getLocalPort();
    }
    try (PortHold held = PortHold.of(port)) {
      assertThrows(
          ConnectException.class,
          () -> new Socket().connect(new InetSocketAddress(LOOPBACK, port), 2_000),
          "held, not listening: refused as if nothing were there");
      try (ServerSocket other = new ServerSocket(0, 50, LOOPBACK)) {
        // the kernel hands out a free port, never the held one
        assertNotEquals(port, other.getLocalPort());
      }
    }
    try (ServerSocket again = new ServerSocket()) {
      again.setReuseAddress(true);
      again.bind(new InetSocketAddress(LOOPBACK, port), 50);
      assertEquals(port, again.getLocalPort(), "released: the stub listens on it again");
    }
  }
}
