package ru.aidabilling.core.settings;

/** A setting is missing or wrong; the message names the setting to fix and never its secret. */
public class SettingsException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String settingName;

  public SettingsException(String settingName, String message) {
    super(message);
    this.settingName = settingName;
  }

  /** The environment-variable name (or file) to fix. */
  public String settingName() {
    return settingName;
  }
}
