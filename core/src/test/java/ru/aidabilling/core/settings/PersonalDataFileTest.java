package ru.aidabilling.core.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

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
  }
}
