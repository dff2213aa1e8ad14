package ru.aidabilling.core.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import ru.aidabilling.core.domain.CustomerId;
import ru.aidabilling.core.domain.CustomerProfile;
import ru.aidabilling.core.domain.ErrorCode;
import ru.aidabilling.core.domain.ProfileField;
import ru.aidabilling.core.domain.ProfilePatch;
import ru.aidabilling.core.domain.UpstreamException;
import ru.aidabilling.core.port.out.CustomerDirectory;
import ru.aidabilling.core.port.out.CustomerDirectoryContract;

/** The in-memory help desk keeps the same contract as the FreeScout adapter. */
class InMemoryCustomerDirectoryTest extends CustomerDirectoryContract {
  private InMemoryCustomerDirectory current;

  @Override
  protected CustomerDirectory customersWith(List<CustomerProfile> customers) {
    current = new InMemoryCustomerDirectory();
    customers.forEach(current::put);
    return current;
  }

  @Override
  protected Optional<CustomerProfile> stored(CustomerId id) {
    return current.get(id);
  }

  @Override
  protected CustomerDirectory customersDown() {
    InMemoryCustomerDirectory down = new InMemoryCustomerDirectory();
    UpstreamException e = new UpstreamException(ErrorCode.HELPDESK_UNAVAILABLE, "help desk down");
    down.failReadsWith(e);
    down.failWritesWith(e);
    return down;
  }

  /**
   * Each round, one thread per writable field patches that field of the same customer at the same
   * moment: every patch must land (a read-then-put would let one overwrite the others).
   */
  @Test
  void concurrentPatchesOfOneCustomerAllLand() throws Exception {
    InMemoryCustomerDirectory customers = new InMemoryCustomerDirectory();
    CustomerId id = CustomerId.of(31);
    customers.put(customer(31, "2024-01-01"));
    ProfileField[] fields = ProfileField.values();
    ExecutorService pool = Executors.newFixedThreadPool(fields.length);
    try {
      for (int round = 0; round < 1000; round++) {
        CyclicBarrier together = new CyclicBarrier(fields.length);
        List<Future<?>> writes = new ArrayList<>();
        for (ProfileField f : fields) {
          String value = "r" + round;
          writes.add(
              pool.submit(
                  () -> {
                    together.await();
                    customers.update(id, ProfilePatch.empty().withSet(f, value));
                    return null;
                  }));
        }
        for (Future<?> w : writes) {
          w.get(10, TimeUnit.SECONDS);
        }
        CustomerProfile now = customers.get(id).orElseThrow();
        for (ProfileField f : fields) {
          assertEquals("r" + round, now.get(f), "round " + round + ": " + f + " was lost");
        }
      }
      assertEquals(1000 * fields.length, customers.updates().size());
    } finally {
      pool.shutdownNow();
    }
  }
}
