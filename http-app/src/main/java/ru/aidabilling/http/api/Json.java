package ru.aidabilling.http.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The service's one JSON reader and writer. Reading is strict so that a malformed request is
 * refused with a precise reason instead of being half-understood: trailing tokens, duplicate keys,
 * deep nesting and oversized numbers or strings are errors, and values are read as a tree so that
 * every type check is explicit (no number-to-string coercion).
 */
public final class Json {
  private static final int MAX_DEPTH = 16;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(MAX_DEPTH)
                          .maxNumberLength(40)
                          .maxStringLength(64 * 1024)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Line and character (not byte: Cyrillic takes two) where the body stopped being JSON. */
  private static String where(com.fasterxml.jackson.core.JsonLocation at, byte[] body) {
    long offset = at == null ? -1 : at.getByteOffset();
    if (offset < 0 || offset > body.length) {
      return "";
    }
    String before = new String(body, 0, (int) offset, java.nio.charset.StandardCharsets.UTF_8);
    int line = 1;
    int lineStart = before.startsWith("\uFEFF") ? 1 : 0; // a byte-order mark is no character
    for (int i = 0; i < before.length(); i++) {
      char c = before.charAt(i);
      if (c == '\n' || c == '\r' && (i + 1 == before.length() || before.charAt(i + 1) != '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    int column = before.codePointCount(lineStart, before.length()) + 1; // an emoji is one
    return " (строка " + line + ", позиция " + column + ")";
  }

  /**
   * Reads a request body that must be a JSON object.
   *
   * @param emptyMeansObject an empty (or whitespace-only) body reads as {@code {}}
   * @throws BadRequest with the reason when it is not one
   */
  public static ObjectNode readObject(byte[] body, boolean emptyMeansObject) {
    if (isBlank(body)) {
      if (emptyMeansObject) {
        return MAPPER.createObjectNode();
      }
      throw new BadRequest("Тело запроса пустое: ожидается JSON-объект");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new BadRequest("JSON слишком сложный: вложенность, число или строка за пределом");
    } catch (JsonProcessingException e) {
      // the agent reads this: where it broke, not Jackson's English account of why
      throw new BadRequest("Некорректный JSON" + where(e.getLocation(), body));
    } catch (IOException e) {
      throw new BadRequest("Некорректный JSON");
    }
    if (node == null || !node.isObject()) {
      throw new BadRequest("Тело запроса должно быть JSON-объектом, получено: " + kind(node));
    }
    return (ObjectNode) node;
  }

  /** Serialises a wire map (or any plain value tree) to UTF-8 JSON. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A short name of a JSON value's type, for error details. */
  static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "ничего";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "массив";
      case BOOLEAN -> "логическое значение";
      case NULL -> "null";
      case NUMBER -> "число";
      case OBJECT -> "объект";
      case STRING -> "строка";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static boolean isBlank(byte[] body) {
    if (body == null) {
      return true;
    }
    for (byte b : body) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }
}
