package ru.aidabilling.http.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyBudgetTest {
  @Test
  void takesWhatFitsRefusesTheRestAndTakesAgainOnceGivenBack() {
    BodyBudget budget = new BodyBudget(100);

    assertTrue(budget.tryTake(60));
    assertTrue(budget.tryTake(40));
    assertFalse(budget.tryTake(1), "full");
    assertEquals(100, budget.used());
    budget.give(40);
    assertTrue(budget.tryTake(30));
    assertFalse(budget.tryTake(11));
    assertEquals(90, budget.used(), "a refusal takes nothing");
  }

  @Test
  void theServiceBudgetIsEightMibOrTwiceTheLargestBody() {
    assertTrue(BodyBudget.forMaxBody(64 * 1024).tryTake(8L << 20));
    assertFalse(BodyBudget.forMaxBody(64 * 1024).tryTake((8L << 20) + 1));
    assertTrue(BodyBudget.forMaxBody(16 << 20).tryTake(32L << 20));
  }

  @Test
  void theWebhookBudgetHoldsABodyOnEveryConnectionUpToACeiling() {
    // defaults: 2 000 connections, each reading at most one delivery at its 32 KiB share
    assertEquals(32 * 1024, ApiHandler.STREAMED_BODY_SHARE);
    assertTrue(BodyBudget.forWebhook(32 * 1024, 2_000).tryTake(2_000L * 32 * 1024));
    assertFalse(BodyBudget.forWebhook(32 * 1024, 2_000).tryTake(2_000L * 32 * 1024 + 1));
    assertTrue(BodyBudget.forWebhook(32 * 1024, 10).tryTake(1L << 20), "at least 1 MiB");
    assertFalse(
        BodyBudget.forWebhook(32 * 1024, 1_000_000).tryTake(BodyBudget.WEBHOOK_CEILING + 1),
        "at most 64 MiB");
  }
}
