package ru.aidabilling.core.settings;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Problems with the files settings name (the audit log, a report, the properties file). */
public final class FileProblem {
  private FileProblem() {}

  /**
   * Why a file operation failed, in words an operator can act on ({@code permission denied}, {@code
   * no such file or folder: …}, the system's reason), instead of an exception's bare path.
   */
  public static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return e.getMessage() + " exists and is not a folder";
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or folder: " + e.getMessage();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return String.valueOf(e.getMessage());
  }
}
