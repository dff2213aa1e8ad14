package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AuthFailureThrottleTest {
  final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void anAddressHasItsBudgetOfFailuresThenWaitsUntilItRefills() {
    AuthFailureThrottle t = new AuthFailureThrottle(6, now::get); // one every 10 s, 6 at once

    for (int i = 0; i < 6; i++) {
      assertEquals(new AuthFailureThrottle.Verdict(0, false), t.failed("203.0.113.7"));
    }
    assertEquals(10, t.overBudget("203.0.113.7"), "spent: the next failure is refused");
    assertEquals(0, t.overBudget("203.0.113.8"));
    AuthFailureThrottle.Verdict over = t.failed("203.0.113.7");
    assertEquals(10, over.retryAfter());
    assertTrue(over.startedNow(), "logged once");
    assertFalse(t.failed("203.0.113.7").startedNow());
    assertEquals(10, t.overBudget("203.0.113.7"));
    assertEquals(0, t.failed("203.0.113.8").retryAfter(), "another address has its own");

    now.addAndGet(4_000_000_000L);
    assertEquals(6, t.overBudget("203.0.113.7"));
    now.addAndGet(6_000_000_000L);
    assertEquals(0, t.overBudget("203.0.113.7"), "refilled: checked again");
    assertEquals(0, t.failed("203.0.113.7").retryAfter());
    assertTrue(t.failed("203.0.113.7").startedNow(), "over again: logged again");
  }

  @Test
  void zeroTurnsItOff() {
    AuthFailureThrottle t = new AuthFailureThrottle(0, now::get);
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, t.failed("203.0.113.7").retryAfter());
    }
    assertEquals(0, t.size());
  }

  @Test
  void theTableIsBoundedAndNewAddressesShareOneBudgetWhenItIsFull() {
    AuthFailureThrottle t = new AuthFailureThrottle(2, now::get, 100);
    for (int i = 0; i < 10_000; i++) {
      t.failed("10.0." + (i / 250) + "." + (i % 250));
    }
    assertEquals(100, t.size());
    assertTrue(t.failed("192.0.2.1").retryAfter() > 0, "many addresses are slowed all the same");
    assertTrue(t.overBudget("192.0.2.2") > 0);

    now.addAndGet(120_000_000_000L); // every budget refilled: the next failure sweeps them
    assertEquals(0, t.failed("192.0.2.1").retryAfter());
    assertEquals(1, t.size());
  }

  @Test
  void anIpv6ClientCountsByItsSlash64() throws Exception {
    String a =
        AuthFailureThrottle.clientOf(
            new InetSocketAddress(InetAddress.getByName("2001:db8:1:2::1"), 1));
    String b =
        AuthFailureThrottle.clientOf(
            new InetSocketAddress(InetAddress.getByName("2001:db8:1:2:ffff::9"), 1));
    assertEquals("2001:db8:1:2::/64", a);
    assertEquals(a, b);
    assertEquals(
        "127.0.0.1",
        AuthFailureThrottle.clientOf(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 1)));
  }
}
