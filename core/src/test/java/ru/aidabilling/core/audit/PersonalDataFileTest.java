package ru.aidabilling.core.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static ru.aidabilling.core.audit.JsonlAuditTrailTest.auditRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import ru.aidabilling.core.domain.ProfileField;

/** The audit log and the report hold personal data: never readable by all, never through a link. */
@EnabledOnOs(OS.LINUX)
class PersonalDataFileTest {
  @TempDir Path dir;

  @Test
  void aNewFileAndItsFoldersAreClosedToOthersWhateverTheUmask() throws IOException {
    Path file = dir.resolve("new/folder/audit.jsonl");

    try (FileChannel ignored = PersonalDataFile.open(file)) {
      // created
    }

    // the test JVM runs with the usual umask 022, which would leave rw-r--r--
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(
        "rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
  }

  @Test
  void aFileThatExistsKeepsItsPermissions() throws IOException {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));

    try (FileChannel ignored = PersonalDataFile.open(file)) {
      // opened
    }

    assertEquals("rw-rw-r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void aLinkIsRefusedAndItsTargetLeftAlone() throws IOException {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "original\n");
    Path link = Files.createSymbolicLink(dir.resolve("audit.jsonl"), victim);

    FileSystemException e =
        assertThrows(FileSystemException.class, () -> PersonalDataFile.open(link));

    assertTrue(e.getReason().contains("symbolic link"), e.getReason());
    assertEquals("original\n", Files.readString(victim));
  }

  @Test
  void aDanglingLinkCreatesNothingAtItsTarget() throws IOException {
    Path target = dir.resolve("elsewhere.jsonl");
    Path link = Files.createSymbolicLink(dir.resolve("audit.jsonl"), target);

    assertThrows(FileSystemException.class, () -> PersonalDataFile.open(link));

    assertTrue(Files.notExists(target));
  }

  @Test
  void aDeviceIsRefused() {
    // AIDA_AUDIT_FILE=/dev/null would take every record and keep none: changes no one could undo
    FileSystemException e =
        assertThrows(FileSystemException.class, () -> PersonalDataFile.open(Path.of("/dev/null")));

    assertEquals("not a regular file", e.getReason());
    UncheckedIOException check =
        assertThrows(
            UncheckedIOException.class, new JsonlAuditTrail(Path.of("/dev/full"))::checkWritable);
    assertTrue(check.getMessage().endsWith(": not a regular file"), check.getMessage());
  }

  @Test
  void theAuditLogRefusesALinkBeforeAnyChangeAndWritesNothingThrough() throws IOException {
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "original\n");
    JsonlAuditTrail trail =
        new JsonlAuditTrail(Files.createSymbolicLink(dir.resolve("audit.jsonl"), victim));

    UncheckedIOException check = assertThrows(UncheckedIOException.class, trail::checkWritable);
    assertThrows(
        UncheckedIOException.class,
        () -> trail.append(List.of(auditRecord(1, ProfileField.ZIP, null, "Соляной"))));

    assertTrue(check.getMessage().contains("symbolic link"), check.getMessage());
    assertEquals("original\n", Files.readString(victim, StandardCharsets.UTF_8));
  }
}
