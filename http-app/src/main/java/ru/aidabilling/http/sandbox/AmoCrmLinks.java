package ru.aidabilling.http.sandbox;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The module's amoCRM rule (its {@code Support/AmoCrmLink.php}) in Java, so the demo page shows the
 * «Профиль в AMOCRM» link exactly when FreeScout would: the parsed host is amocrm.ru, amocrm.com or
 * a subdomain of them (never a substring test), http is upgraded to https, any other scheme, user
 * info, a port, whitespace, control characters or a backslash refuse the URL.
 */
final class AmoCrmLinks {
  private static final List<String> DOMAINS = List.of("amocrm.ru", "amocrm.com");
  private static final Pattern UNSAFE = Pattern.compile("[\\x00-\\x20\\x7f\\\\]");
  private static final Pattern HAS_SCHEME =
      Pattern.compile("^[a-z][a-z0-9+.-]*:", Pattern.CASE_INSENSITIVE);
  private static final Pattern HOST =
      Pattern.compile("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$");

  private AmoCrmLinks() {}

  /** The first website that is an amoCRM link, as a safe https URL. */
  static Optional<String> pick(List<String> websites) {
    for (String w : websites) {
      Optional<String> url = normalize(w);
      if (url.isPresent()) {
        return url;
      }
    }
    return Optional.empty();
  }

  static Optional<String> normalize(String website) {
    if (website == null) {
      return Optional.empty();
    }
    String value = website.strip();
    if (value.isEmpty()
        || value.length() > 2048
        || UNSAFE.matcher(value).find()
        || value.startsWith("//")) {
      return Optional.empty();
    }
    if (!HAS_SCHEME.matcher(value).find()) {
      value = "https://" + value;
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.empty();
    }
    if (uri.getRawUserInfo() != null || uri.getPort() != -1 || uri.getHost() == null) {
      return Optional.empty();
    }
    int authorityEnd = pathStart(value);
    int at = value.indexOf('@');
    if (at >= 0 && at < authorityEnd) {
      return Optional.empty();
    }
    Optional<String> host = allowedHost(uri.getHost());
    if (host.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder url = new StringBuilder("https://").append(host.get());
    String path = uri.getRawPath();
    url.append(path == null || path.isEmpty() ? "/" : path);
    if (uri.getRawQuery() != null) {
      url.append('?').append(uri.getRawQuery());
    }
    if (uri.getRawFragment() != null) {
      url.append('#').append(uri.getRawFragment());
    }
    return Optional.of(url.toString());
  }

  private static Optional<String> allowedHost(String rawHost) {
    String host = rawHost.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (!HOST.matcher(host).matches()) {
      return Optional.empty();
    }
    for (String domain : DOMAINS) {
      if (host.equals(domain) || host.endsWith("." + domain)) {
        return Optional.of(host);
      }
    }
    return Optional.empty();
  }

  private static int pathStart(String url) {
    int start = url.indexOf("//");
    start = start < 0 ? 0 : start + 2;
    int end = url.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int pos = url.indexOf(c, start);
      if (pos >= 0 && pos < end) {
        end = pos;
      }
    }
    return end;
  }
}
