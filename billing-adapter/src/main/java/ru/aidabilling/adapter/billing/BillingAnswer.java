package ru.aidabilling.adapter.billing;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import ru.aidabilling.core.domain.BillingAccount;
import ru.aidabilling.core.domain.Money;
import ru.aidabilling.core.outbound.AgentText;

/**
 * Billing's lookup answer as it really comes ({@code {"client": {...}}}, {@code {"clients":
 * [...]}}, {@code {"client": [...]}}, {@code {"client": null}}, {@code {"client": false}} (PHP's
 * empty fetch), {@code {"error": "client not found"}}), translated into accounts. Tolerant of what
 * varies (number or string balance, blank or null fields, unknown fields) and strict about what
 * would turn a broken answer into a false "not found" (not JSON, a root that is not an object, a
 * {@code client} that is text).
 */
final class BillingAnswer {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          // 12.50 stays 12.50: a number's trailing zeros are digits billing wrote
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // {"client": {...}, "client": null} would otherwise read as "not found"
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private BillingAnswer() {}

  /** The answer could not be read as a billing answer; the message is for a support agent. */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * The accounts in a 200 answer, in billing's order; empty when billing says it has none.
   *
   * @throws UnreadableException when the body is not a billing answer at all
   */
  static List<BillingAccount> toDomain(byte[] body) throws UnreadableException {
    return toDomain(body, Optional.empty());
  }

  /**
   * As {@link #toDomain(byte[])}, a body that is not UTF-8 decoded in the charset its {@code
   * Content-Type} names (PHP billings often answer in windows-1251 and say so). A body that is
   * UTF-8 is read as UTF-8 whatever the header says (json_encode's output under a legacy label).
   */
  static List<BillingAccount> toDomain(byte[] body, Optional<String> contentType)
      throws UnreadableException {
    JsonNode root = readRoot(body, charsetOf(contentType));
    List<BillingAccount> accounts = new ArrayList<>();
    collect(root.get("client"), accounts);
    collect(root.get("clients"), accounts);
    if (accounts.isEmpty() && !hasClientKey(root) && root.hasNonNull("error")) {
      String error = root.get("error").asText("");
      if (!saysNotFound(error)) {
        throw new UnreadableException(
            "он сообщил об ошибке: «" + AgentText.cut(error, 200) + "»", null);
      }
    }
    return accounts;
  }

  /**
   * Whether the body is well-formed UTF-8. A body that is, is read as UTF-8 whatever its header
   * says: PHP services often label json_encode's UTF-8 output with a legacy charset.
   */
  private static boolean isUtf8(byte[] body) {
    return decodesAsUtf8(body, true);
  }

  /**
   * Whether the body is UTF-8 apart from a character cut at its very end: a body cut off in the
   * middle of a letter is a cut body, not one in another charset.
   */
  private static boolean isUtf8UpToItsEnd(byte[] body) {
    return decodesAsUtf8(body, false);
  }

  /** {@code whole}: a sequence left open at the end counts as malformed too. */
  private static boolean decodesAsUtf8(byte[] body, boolean whole) {
    java.nio.charset.CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(body);
    java.nio.CharBuffer out = java.nio.CharBuffer.allocate(body.length);
    if (decoder.decode(in, out, whole).isError()) {
      return false;
    }
    return !whole || !decoder.flush(out).isError();
  }

  /** The charset a {@code Content-Type} names, when it is one this JVM knows and not UTF-8. */
  static Optional<Charset> charsetOf(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return Optional.empty();
    }
    for (String param : contentType.get().split(";")) {
      String[] kv = param.split("=", 2);
      if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("charset")) {
        String name = kv[1].strip().replace("\"", "");
        try {
          Charset cs = Charset.forName(name);
          return cs.equals(StandardCharsets.UTF_8) ? Optional.empty() : Optional.of(cs);
        } catch (IllegalArgumentException e) {
          return Optional.empty(); // unknown: read as JSON says (UTF-8), and fail if it is not
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A body in some legacy charset with no (or an unknown) charset named: said as such, so that the
   * operator looks at billing's encoding, not for a cut connection. Checked only after the parser
   * failed, so a well-formed answer costs nothing more.
   */
  static final String NOT_UTF8 =
      "он ответил не в UTF-8, не назвав понятной кодировки (charset в Content-Type, например"
          + " windows-1251)";

  private static JsonNode readRoot(byte[] body, Optional<Charset> charset)
      throws UnreadableException {
    if (looksLikeHtml(body)) {
      throw new UnreadableException("он ответил HTML-страницей вместо JSON", null);
    }
    JsonNode root;
    try {
      root =
          charset.isPresent() && !isUtf8(body)
              ? JSON.readTree(new String(body, charset.get()))
              : JSON.readTree(body);
    } catch (java.io.IOException e) {
      if (charset.isEmpty() && !isUtf8UpToItsEnd(body)) {
        throw new UnreadableException(NOT_UTF8, e);
      }
      throw new UnreadableException("он ответил повреждённым или неполным JSON", e);
    }
    if (root == null || root.isMissingNode()) {
      throw new UnreadableException("он ответил пустым телом", null);
    }
    if (!root.isObject()) {
      throw new UnreadableException("он ответил JSON неизвестного вида (не объект)", null);
    }
    return root;
  }

  private static boolean hasClientKey(JsonNode root) {
    return root.has("client") || root.has("clients");
  }

  private static boolean saysNotFound(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    return e.contains("not found") || e.contains("не найден") || e.contains("no client");
  }

  private static void collect(JsonNode node, List<BillingAccount> into) throws UnreadableException {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (element.isObject()) {
          ClientDto.fromJson(element).map(ClientDto::toDomain).ifPresent(into::add);
        } else if (!element.isNull()) {
          throw new UnreadableException(
              "он ответил JSON неизвестного вида (в списке клиентов не объект)", null);
        }
      }
      return;
    }
    if (node.isObject()) {
      ClientDto.fromJson(node).map(ClientDto::toDomain).ifPresent(into::add);
      return;
    }
    if ((node.isTextual() && node.asText().isBlank())
        || (node.isBoolean() && !node.booleanValue())) {
      return;
    }
    throw new UnreadableException(
        "он ответил JSON неизвестного вида (поле client не объект)", null);
  }

  private static boolean looksLikeHtml(byte[] body) {
    int i = 0;
    if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB) {
      i = 3;
    }
    while (i < body.length && Character.isWhitespace(body[i])) {
      i++;
    }
    return i < body.length && body[i] == '<';
  }

  /**
   * One {@code client} object as billing writes it. Values are text as billing meant it: JSON
   * {@code null}, blanks and the text {@code "null"} are absent, numbers keep their digits ({@code
   * 12.50} is {@code "12.50"}); a number written with an exponent keeps it, in Java's notation
   * ({@code 1e3} is {@code "1E+3"}, {@code 1.5e3} {@code "1.5E+3"}), never digits billing did not
   * write.
   */
  record ClientDto(
      String fullname, String contractNumber, String address, String tariff, Money ballance) {

    /** Empty when the object names no account at all ({@code {}} or only blanks). */
    static Optional<ClientDto> fromJson(JsonNode o) {
      ClientDto dto =
          new ClientDto(
              text(o.get("fullname")),
              text(o.get("contract_number")),
              text(o.get("address")),
              text(o.get("tariff")),
              balance(o.has("ballance") ? o.get("ballance") : o.get("balance")));
      boolean empty =
          dto.fullname == null
              && dto.contractNumber == null
              && dto.address == null
              && dto.tariff == null
              && dto.ballance == null;
      return empty ? Optional.empty() : Optional.of(dto);
    }

    BillingAccount toDomain() {
      return new BillingAccount(contractNumber, fullname, address, tariff, ballance);
    }

    private static String text(JsonNode v) {
      if (v == null || v.isNull() || v.isContainerNode()) {
        return null;
      }
      String s = v.isNumber() ? v.numberValue().toString() : v.asText();
      if (v.isBigDecimal()) {
        // exact (trailing zeros kept); a negative scale only comes from an exponent (1e3)
        s =
            v.decimalValue().scale() < 0
                ? v.decimalValue().toString()
                : v.decimalValue().toPlainString();
      }
      s = s.strip();
      return s.isEmpty() || s.equalsIgnoreCase("null") ? null : s;
    }

    private static Money balance(JsonNode v) {
      if (v == null || v.isNull()) {
        return null;
      }
      if (v.isNumber()) {
        return BalanceText.of(v.decimalValue()).orElse(null);
      }
      return BalanceText.parse(text(v)).orElse(null);
    }
  }
}
