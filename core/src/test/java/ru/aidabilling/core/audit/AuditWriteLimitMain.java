package ru.aidabilling.core.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ru.aidabilling.core.domain.AuditRecord;
import ru.aidabilling.core.domain.ProfileField;

/**
 * Run in a process whose file size limit ({@code ulimit -f}) the batch crosses: appends 20 records
 * in one batch and prints {@code failed} or {@code written}. The JVM ignores SIGXFSZ, so the write
 * that crosses the limit is cut short and then fails, as on a disk that fills up mid-batch.
 */
public final class AuditWriteLimitMain {
  private AuditWriteLimitMain() {}

  public static void main(String[] args) {
    List<AuditRecord> batch = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      batch.add(JsonlAuditTrailTest.auditRecord(31, ProfileField.FIRST_NAME, "Ivan" + i, "Тарас"));
    }
    try {
      new JsonlAuditTrail(Path.of(args[0])).append(batch);
      System.out.println("written");
    } catch (RuntimeException e) {
      System.out.println("failed");
    }
  }
}
