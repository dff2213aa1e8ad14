package ru.aidabilling.core.settings;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the files that hold subscribers' personal data — the audit log and {@code sync-all}'s
 * report (names, contracts, old and new values) — for reading and appending.
 *
 * <ul>
 *   <li>A new file is readable by its owner and group only ({@code rw-r-----}, less whatever the
 *       umask takes away), and so are the folders made for it ({@code rwxr-x---}): never by
 *       everyone, whatever the umask of the shell an operator runs the CLI from. A file that exists
 *       keeps the permissions it has.
 *   <li>The file itself is never opened through a symbolic link: the defaults are relative to the
 *       working directory, and an operator (often root) who runs the CLI in a folder others can
 *       write must not append to whatever file a link planted there points at. The link is refused
 *       with a message naming it; the folders above may be links.
 *   <li>Only a regular file is written: a device such as {@code /dev/null} would swallow what must
 *       be kept.
 * </ul>
 */
public final class PersonalDataFile {
  private static final Set<OpenOption> READ_WRITE =
      Set.of(
          StandardOpenOption.CREATE,
          StandardOpenOption.READ,
          StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);

  private PersonalDataFile() {}

  /**
   * The file opened to read and write, created (with its missing folders) when it does not exist.
   *
   * @throws FileSystemException whose reason says the file is a symbolic link, when it is one
   * @throws IOException when it cannot be opened or created
   */
  public static FileChannel open(Path file) throws IOException {
    refuseLink(file);
    try {
      return regular(file, channel(file));
    } catch (FileSystemException e) {
      Path parent = file.toAbsolutePath().getParent();
      if (parent == null || Files.isDirectory(parent)) {
        throw e; // the folder is there: the trouble is the file's
      }
      // makes the folders missing, or says what stands in their way ("… exists and is not a
      // folder")
      if (posix(file)) {
        Files.createDirectories(
            parent,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
      } else {
        Files.createDirectories(parent);
      }
      return regular(file, channel(file));
    }
  }

  /**
   * The channel, when it is a regular file's: {@code /dev/null} or {@code /dev/full} would take an
   * audit record and keep nothing (a change no one could undo), a pipe would block.
   */
  private static FileChannel regular(Path file, FileChannel channel) throws IOException {
    boolean regular;
    try {
      regular =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .isRegularFile();
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (!regular) {
      channel.close();
      throw new FileSystemException(file.toString(), null, "not a regular file");
    }
    return channel;
  }

  /**
   * Why {@link #open} could not write the file now, checked cheaply and without making anything —
   * one {@code stat} and one {@code access}, no open (an open and close would drop this process's
   * file locks on it): a link, not a regular file, a file this process may not write, or, when it
   * is missing, no folder it could be made in. Empty when it could be written.
   */
  public static Optional<String> whyNotWritable(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      attributes = null; // missing (or unreadable: the folder's check below says why)
    }
    if (attributes != null) {
      if (attributes.isSymbolicLink()) {
        return Optional.of("it is a symbolic link");
      }
      if (!attributes.isRegularFile()) {
        return Optional.of("not a regular file");
      }
      return Files.isWritable(file)
          ? Optional.empty()
          : Optional.of(
              "permission denied (who created it? the service's user must be able to write it)");
    }
    // Missing folders are made by the first writer, so what counts is the nearest one that exists.
    Path dir = file.toAbsolutePath().getParent();
    while (dir != null && !Files.exists(dir)) {
      dir = dir.getParent();
    }
    if (dir != null && !Files.isDirectory(dir)) {
      return Optional.of(dir + " exists and is not a folder");
    }
    if (dir == null || !Files.isWritable(dir)) {
      return Optional.of("it is missing and cannot be made in " + dir + ": permission denied");
    }
    return Optional.empty();
  }

  private static FileChannel channel(Path file) throws IOException {
    try {
      if (posix(file)) {
        FileAttribute<?> ownerAndGroup =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));
        return FileChannel.open(file, READ_WRITE, ownerAndGroup);
      }
      return FileChannel.open(file, READ_WRITE);
    } catch (FileSystemException e) {
      // a link made between the check and the open: the system's ELOOP, in our words
      refuseLink(file);
      throw e;
    }
  }

  private static void refuseLink(Path file) throws FileSystemException {
    if (Files.isSymbolicLink(file)) {
      throw new FileSystemException(
          file.toString(),
          null,
          "it is a symbolic link; give the path of the file itself (personal data is never"
              + " written through a link)");
    }
  }

  private static boolean posix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
