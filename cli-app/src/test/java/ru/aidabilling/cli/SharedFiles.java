package ru.aidabilling.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the project's shared folder ({@code <repo>/../shared}) from wherever the tests run. */
final class SharedFiles {
  private SharedFiles() {}

  static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        "shared/" + relative + " not found above " + Path.of("").toAbsolutePath());
  }
}
