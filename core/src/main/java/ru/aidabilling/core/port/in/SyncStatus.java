package ru.aidabilling.core.port.in;

/** How a successful sync ended. */
public enum SyncStatus {
  UPDATED("updated"),
  UNCHANGED("unchanged"),
  DRY_RUN("dry-run");

  private final String wireName;

  SyncStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
