package ru.aidabilling.http.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks {@code Authorization: Bearer <token>} against the configured tokens. Compares SHA-256
 * digests with {@link MessageDigest#isEqual} and always walks every token, so neither the length
 * nor the position of a match leaks through timing. A token is known afterwards only by its digest
 * ({@link TokenId}), never by its text.
 */
final class BearerAuth {
  /**
   * A token that passed: its digest in hex; the first 4 characters name it in the audit. {@code
   * guessable}: it is short enough to be guessed ({@link ServerConfig#isWeak}).
   */
  record TokenId(String hex, boolean guessable) {
    String actor() {
      return "api-token:" + hex.substring(0, 4);
    }
  }

  private final List<byte[]> digests;
  private final List<Boolean> guessable;

  /** Every token counts as one that cannot be guessed. */
  BearerAuth(List<String> tokens) {
    this(tokens, t -> false);
  }

  BearerAuth(List<String> tokens, Predicate<String> guessable) {
    this.digests = tokens.stream().map(BearerAuth::sha256).toList();
    this.guessable = tokens.stream().map(guessable::test).toList();
  }

  Optional<TokenId> authenticate(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String h = authorization.strip();
    int space = h.indexOf(' ');
    if (space < 0 || !h.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return Optional.empty();
    }
    String token = h.substring(space + 1).strip();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    byte[] given = sha256(token);
    int match = -1;
    for (int i = 0; i < digests.size(); i++) {
      if (MessageDigest.isEqual(digests.get(i), given)) {
        match = i;
      }
    }
    return match < 0
        ? Optional.empty()
        : Optional.of(
            new TokenId(HexFormat.of().formatHex(digests.get(match)), guessable.get(match)));
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
