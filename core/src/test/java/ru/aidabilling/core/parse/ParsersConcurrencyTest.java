package ru.aidabilling.core.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The parsers share only immutable tables: many threads at once get what one thread gets. */
class ParsersConcurrencyTest {
  private static final String[] NAMES = {
    "Новичков Тарас Викторович", "Алиев Рашид Гусейн оглы", "ООО «Ромашка»", "Иванов И.И.", "тест"
  };
  private static final String[] ADDRESSES = {
    "поселок Соляной Набережная 8/1",
    "404171, Волгоградская обл., Светлоярский р-н, р.п. Светлый Яр, ул. Спортивная, д. 5, оф. 2",
    "Волжский г, Мира ул, д 15",
    "СНТ «Строитель», уч. 15",
    "ул.С.Разина, д.5к2, кв.3"
  };
  private static final String[] PHONES = {
    "8 (900) 444-55-66", "+7(8442)12-34-56", "89004445566 89001112233", "12345", "+1 212 555 0100"
  };

  /** The three answers, compared by value (their toString masks names and phones). */
  private static List<Object> all(int i) {
    return List.of(
        NameParser.parse(NAMES[i % NAMES.length]),
        AddressParser.parse(ADDRESSES[i % ADDRESSES.length]),
        PhoneParser.parse(PHONES[i % PHONES.length]));
  }

  @Test
  void manyThreadsGetTheSameAnswers() throws Exception {
    List<List<Object>> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add(all(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        runs.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  for (int round = 0; round < 400; round++) {
                    int i = (round * 7 + offset) % expected.size();
                    assertEquals(expected.get(i), all(i));
                    checked++;
                  }
                  return checked;
                }));
      }
      for (Future<Integer> f : runs) {
        assertEquals(400, f.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
      assertTrue(pool.awaitTermination(1, TimeUnit.MINUTES));
    }
  }
}
