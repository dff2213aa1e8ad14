package ru.aidabilling.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import ru.aidabilling.core.domain.CustomerId;

/**
 * Reads the customer {@code id} of a JSON object fed piece by piece as it arrives, holding none of
 * it: the webhook's body (a whole FreeScout customer, long notes and all) is never kept, so each
 * delivery costs the same few hundred bytes whatever its size. Everything but the top-level {@code
 * id} is checked and forgotten; an {@code id} nested deeper does not count.
 *
 * <p>Its verdict is the one {@link Json#readObject} and {@link Fields#requiredCustomerId} give for
 * the whole body, with the same limits (nesting 16, numbers of 40 digits, strings of 64 Ki
 * characters) and the same strict UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF), with one exception: a duplicate key other than the top-level {@code id} is not
 * refused, as finding one takes memory that grows with the body. A body in UTF-16 or UTF-32, which
 * Jackson would detect, is malformed here (FreeScout sends UTF-8).
 *
 * <p>Why not Jackson's non-blocking parser: it keeps the text of every string it passes (up to the
 * 64 Ki characters of the limit) and the digits of every number (with no limit until the number
 * ends), so a delivery's memory would still grow with what it sends.
 *
 * <p>Not thread-safe: one per delivery, fed in order.
 */
public final class TopLevelIdReader {
  private static final int MAX_DEPTH = 16;
  private static final int MAX_NUMBER_DIGITS = 40;
  private static final int MAX_STRING_CHARS = 64 * 1024;
  private static final int MAX_NAME_BYTES = 64 * 1024;
  private static final String TOO_COMPLEX =
      "JSON слишком сложный: вложенность, число или строка за пределом";

  // What the next byte may start or continue.
  private static final int START = 0; // before anything: a byte-order mark, blanks, the value
  private static final int VALUE = 1; // after ':' or an array's ','
  private static final int VALUE_OR_CLOSE = 2; // after '['
  private static final int KEY_OR_CLOSE = 3; // after '{'
  private static final int KEY = 4; // after an object's ','
  private static final int COLON = 5;
  private static final int COMMA_OR_CLOSE = 6;
  private static final int TRAILING = 7; // after the root value: blanks only
  private static final int STRING = 8;
  private static final int NUMBER = 9;
  private static final int LITERAL = 10;
  private static final int FAILED = 11;

  // Inside a number: the JSON grammar -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  private static final int N_MINUS = 0;
  private static final int N_ZERO = 1; // complete
  private static final int N_INT = 2; // complete
  private static final int N_DOT = 3;
  private static final int N_FRACTION = 4; // complete
  private static final int N_E = 5;
  private static final int N_EXPONENT_SIGN = 6;
  private static final int N_EXPONENT = 7; // complete

  // The kinds of the root value and of the id's value.
  private static final int NONE = 0;
  private static final int OBJECT = 1;
  private static final int ARRAY = 2;
  private static final int TEXT = 3;
  private static final int INTEGER = 4;
  private static final int FLOAT = 5;
  private static final int BOOLEAN = 6;
  private static final int NULL = 7;

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL_LITERAL = {'n', 'u', 'l', 'l'};

  private int state = START;
  private String failure;
  private boolean nonBlank; // a byte other than the blanks Json.readObject calls empty
  private static final int[] BOM = {0xEF, 0xBB, 0xBF};
  private int bomSeen; // bytes of a leading byte-order mark read so far
  private long offset;

  private int depth;
  private int objects; // bit d-1 set when the container at depth d is an object

  // the string being read
  private boolean stringIsKey;
  private int escape; // 0 none; 1 after '\'; 2-5 reading the hex digits of \\u
  private int escaped; // the \\u escape's value so far
  private int continuation; // UTF-8 continuation bytes still due
  private int low = 0x80; // the range the next continuation byte must be in
  private int high = 0xBF;
  private int stringLength; // characters (values) or bytes (keys)
  private int keyMatched; // characters of "id" matched so far; -1 once it cannot be "id"

  // the number being read
  private int numberState;
  private int intDigits;
  private int fractionDigits;
  private int exponentDigits;

  private byte[] literal;
  private int literalAt;

  private int rootKind = NONE;
  private boolean keyIsId; // the last key read was the top-level "id"
  private boolean readingId; // the value being read is the top-level id's
  private boolean idSeen;
  private int idKind = NONE;
  private final char[] idDigits = new char[MAX_NUMBER_DIGITS];
  private boolean idNegative;
  private int intDigitsOfId;

  private long line = 1;
  private long column; // characters before the next byte on its line
  private boolean afterCr;

  /** Reads the next piece of the body; after a failure the rest is ignored. */
  public void feed(byte[] bytes, int from, int to) {
    for (int i = from; i < to && state != FAILED; i++) {
      int b = bytes[i] & 0xFF;
      if (offset < BOM.length && offset == bomSeen && b == BOM[bomSeen]) {
        bomSeen++; // a byte-order mark: no character, as Json counts them
        offset++;
        nonBlank = true;
        continue;
      }
      offset++;
      if (bomSeen > 0 && bomSeen < BOM.length) {
        fail("Некорректный JSON" + where()); // the start of a byte-order mark, and then not
        return;
      }
      step(b);
      track(b);
    }
  }

  public void feed(byte[] bytes) {
    feed(bytes, 0, bytes.length);
  }

  /**
   * The body is complete: its customer id.
   *
   * @throws BadRequest with the detail {@link Json#readObject} or {@link Fields#requiredCustomerId}
   *     would give for the whole body
   */
  public CustomerId customerId() {
    if (state == NUMBER) {
      endNumber();
    }
    if (state == FAILED) {
      throw new BadRequest(failure);
    }
    if (!nonBlank) {
      throw new BadRequest("Тело запроса пустое: ожидается JSON-объект");
    }
    if (bomSeen > 0 && offset <= BOM.length) {
      // not even a byte-order mark: Jackson looks for one only in a body of 4 bytes or more
      throw new BadRequest("Некорректный JSON (строка 1, позиция 1)");
    }
    if (rootKind == NONE && state == START) {
      throw new BadRequest("Тело запроса должно быть JSON-объектом, получено: ничего");
    }
    if (state != TRAILING) {
      fail("Некорректный JSON" + where());
      throw new BadRequest(failure);
    }
    if (rootKind != OBJECT) {
      throw new BadRequest("Тело запроса должно быть JSON-объектом, получено: " + kind(rootKind));
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    if (idKind != NONE) {
      body.set("id", node(idKind));
    }
    return Fields.requiredCustomerId(body, "id");
  }

  private JsonNode node(int kind) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return switch (kind) {
      case OBJECT -> f.objectNode();
      case ARRAY -> f.arrayNode();
      case TEXT -> f.textNode("");
      case INTEGER -> {
        BigInteger v = new BigInteger(new String(idDigits, 0, intDigitsOfId));
        yield f.numberNode(idNegative ? v.negate() : v);
      }
      case FLOAT -> f.numberNode(0.5d);
      case BOOLEAN -> f.booleanNode(true);
      default -> f.nullNode();
    };
  }

  private static String kind(int kind) {
    return switch (kind) {
      case OBJECT -> "объект";
      case ARRAY -> "массив";
      case TEXT -> "строка";
      case INTEGER, FLOAT -> "число";
      case BOOLEAN -> "логическое значение";
      case NULL -> "null";
      default -> "ничего";
    };
  }

  private void step(int b) {
    switch (state) {
      case STRING -> string(b);
      case NUMBER -> {
        if (!number(b)) {
          endNumber();
          if (state != FAILED) {
            step(b); // the byte after the number starts what follows it
          }
        }
      }
      case LITERAL -> {
        if (b != literal[literalAt]) {
          fail("Некорректный JSON" + where());
        } else if (++literalAt == literal.length) {
          valueDone();
        }
      }
      default -> structure(b);
    }
  }

  private void structure(int b) {
    if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
      return;
    }
    nonBlank = true;
    switch (state) {
      case START, VALUE, VALUE_OR_CLOSE -> {
        if (b == ']' && state == VALUE_OR_CLOSE) {
          close(false);
        } else {
          value(b);
        }
      }
      case KEY_OR_CLOSE, KEY -> {
        if (b == '}' && state == KEY_OR_CLOSE) {
          close(true);
        } else if (b == '"') {
          startString(true);
        } else {
          fail("Некорректный JSON" + where());
        }
      }
      case COLON -> {
        if (b == ':') {
          state = VALUE;
        } else {
          fail("Некорректный JSON" + where());
        }
      }
      case COMMA_OR_CLOSE -> {
        boolean inObject = inObject();
        if (b == ',') {
          state = inObject ? KEY : VALUE;
        } else if (b == (inObject ? '}' : ']')) {
          close(inObject);
        } else {
          fail("Некорректный JSON" + where());
        }
      }
      default -> fail("Некорректный JSON" + where()); // TRAILING: a second value or stray byte
    }
  }

  private boolean inObject() {
    return (objects & (1 << (depth - 1))) != 0;
  }

  /** The first byte of a value. */
  private void value(int b) {
    readingId = keyIsId && depth == 1;
    keyIsId = false;
    int kind;
    switch (b) {
      case '{', '[' -> {
        kind = b == '{' ? OBJECT : ARRAY;
        note(kind);
        if (++depth > MAX_DEPTH) {
          fail(TOO_COMPLEX);
          return;
        }
        if (b == '{') {
          objects |= 1 << (depth - 1);
          state = KEY_OR_CLOSE;
        } else {
          objects &= ~(1 << (depth - 1));
          state = VALUE_OR_CLOSE;
        }
      }
      case '"' -> {
        note(TEXT);
        startString(false);
      }
      case 't', 'f', 'n' -> {
        note(b == 'n' ? NULL : BOOLEAN);
        literal = b == 't' ? TRUE : b == 'f' ? FALSE : NULL_LITERAL;
        literalAt = 1;
        state = LITERAL;
      }
      default -> {
        if (b == '-' || b >= '0' && b <= '9') {
          note(INTEGER); // FLOAT once a '.' or an exponent shows
          if (readingId) {
            idNegative = b == '-';
          }
          intDigits = 0;
          fractionDigits = 0;
          exponentDigits = 0;
          state = NUMBER;
          numberState = N_MINUS;
          if (b != '-') {
            number(b);
          }
        } else {
          fail("Некорректный JSON" + where());
        }
      }
    }
  }

  /** Records the kind of the root value, and of the id's. */
  private void note(int kind) {
    if (depth == 0 && rootKind == NONE) {
      rootKind = kind;
    }
    if (readingId) {
      idKind = kind;
    }
  }

  private void close(boolean object) {
    depth--;
    if (object) {
      objects &= ~(1 << depth);
    }
    valueDone();
  }

  /** A value (scalar, or container just closed) is complete. */
  private void valueDone() {
    readingId = false;
    state = depth == 0 ? TRAILING : COMMA_OR_CLOSE;
  }

  private void startString(boolean key) {
    stringIsKey = key;
    escape = 0;
    continuation = 0;
    stringLength = 0;
    keyMatched = key && depth == 1 ? 0 : -1;
    state = STRING;
  }

  private void string(int b) {
    if (continuation > 0) {
      if (b < low || b > high) {
        fail("Некорректный JSON" + where()); // invalid UTF-8
        return;
      }
      continuation--;
      low = 0x80;
      high = 0xBF;
      count(1, 0);
      return;
    }
    if (escape == 1) {
      char c;
      switch (b) {
        case '"', '\\', '/' -> c = (char) b;
        case 'b' -> c = '\b';
        case 'f' -> c = '\f';
        case 'n' -> c = '\n';
        case 'r' -> c = '\r';
        case 't' -> c = '\t';
        case 'u' -> {
          escape = 2;
          escaped = 0;
          count(1, 0);
          return;
        }
        default -> {
          fail("Некорректный JSON" + where());
          return;
        }
      }
      escape = 0;
      count(1, 1);
      matchKey(c);
      return;
    }
    if (escape >= 2) {
      int digit = Character.digit(b, 16);
      if (b > 0x7F || digit < 0) {
        fail("Некорректный JSON" + where());
        return;
      }
      escaped = escaped << 4 | digit;
      count(1, 0);
      if (++escape == 6) {
        escape = 0;
        count(0, 1);
        matchKey((char) escaped);
      }
      return;
    }
    if (b == '"') {
      endString();
      return;
    }
    if (b == '\\') {
      escape = 1;
      count(1, 0);
      return;
    }
    if (b < 0x20) {
      fail("Некорректный JSON" + where()); // a control character must be escaped
      return;
    }
    if (b < 0x80) {
      count(1, 1);
      matchKey((char) b);
      return;
    }
    // UTF-8 as Unicode defines it (table 3-7), as Jackson checks it: no overlong forms, no
    // surrogates, nothing past U+10FFFF
    low = 0x80;
    high = 0xBF;
    if (b >= 0xC2 && b <= 0xDF) {
      continuation = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
      continuation = 2;
      low = b == 0xE0 ? 0xA0 : 0x80;
      high = b == 0xED ? 0x9F : 0xBF;
    } else if (b >= 0xF0 && b <= 0xF4) {
      continuation = 3;
      low = b == 0xF0 ? 0x90 : 0x80;
      high = b == 0xF4 ? 0x8F : 0xBF;
    } else {
      fail("Некорректный JSON" + where());
      return;
    }
    count(1, continuation == 3 ? 2 : 1); // past U+FFFF: a surrogate pair
    keyMatched = -1;
  }

  /** Counts a key's bytes or a value's characters against their limits. */
  private void count(int bytes, int chars) {
    stringLength += stringIsKey ? bytes : chars;
    if (stringLength > (stringIsKey ? MAX_NAME_BYTES : MAX_STRING_CHARS)) {
      fail(TOO_COMPLEX);
    }
  }

  private void matchKey(char c) {
    if (keyMatched >= 0) {
      keyMatched = keyMatched < 2 && "id".charAt(keyMatched) == c ? keyMatched + 1 : -1;
    }
  }

  private void endString() {
    if (!stringIsKey) {
      valueDone();
      return;
    }
    if (keyMatched == 2) {
      if (idSeen) {
        fail("Некорректный JSON" + where()); // a duplicate "id": which one would count?
        return;
      }
      idSeen = true;
      keyIsId = true;
    }
    state = COLON;
  }

  /** Takes {@code b} into the number; false when it is not part of it. */
  private boolean number(int b) {
    boolean digit = b >= '0' && b <= '9';
    switch (numberState) {
      case N_MINUS -> {
        if (!digit) {
          return false;
        }
        numberState = b == '0' ? N_ZERO : N_INT;
        intDigit(b);
      }
      case N_ZERO, N_INT -> {
        if (digit) {
          if (numberState == N_ZERO) {
            fail("Некорректный JSON" + where()); // leading zeroes
            return true;
          }
          intDigit(b);
        } else if (b == '.') {
          numberState = N_DOT;
          isFloat();
        } else if (b == 'e' || b == 'E') {
          numberState = N_E;
          isFloat();
        } else {
          return false;
        }
      }
      case N_DOT, N_FRACTION -> {
        if (digit) {
          numberState = N_FRACTION;
          fractionDigits++;
        } else if (numberState == N_FRACTION && (b == 'e' || b == 'E')) {
          numberState = N_E;
        } else {
          return false;
        }
      }
      case N_E -> {
        if (b == '+' || b == '-') {
          numberState = N_EXPONENT_SIGN;
        } else if (digit) {
          numberState = N_EXPONENT;
          exponentDigits++;
        } else {
          return false;
        }
      }
      default -> { // N_EXPONENT_SIGN, N_EXPONENT
        if (!digit) {
          return false;
        }
        numberState = N_EXPONENT;
        exponentDigits++;
      }
    }
    return true;
  }

  private void intDigit(int b) {
    if (readingId && idKind == INTEGER && intDigits < MAX_NUMBER_DIGITS) {
      idDigits[intDigits] = (char) b;
      intDigitsOfId = intDigits + 1;
    }
    intDigits++;
  }

  private void isFloat() {
    if (readingId) {
      idKind = FLOAT;
    }
    if (depth == 0) {
      rootKind = FLOAT;
    }
  }

  /** The number ended (at the byte after it, or at the end of the body). */
  private void endNumber() {
    boolean complete =
        numberState == N_ZERO
            || numberState == N_INT
            || numberState == N_FRACTION
            || numberState == N_EXPONENT;
    if (!complete) {
      fail("Некорректный JSON" + where());
      return;
    }
    boolean integer = numberState == N_ZERO || numberState == N_INT;
    // Jackson's limit: the digits of an integer, or of a float's three parts together
    if ((integer ? intDigits : intDigits + fractionDigits + exponentDigits) > MAX_NUMBER_DIGITS) {
      fail(TOO_COMPLEX);
      return;
    }
    valueDone();
  }

  private void fail(String detail) {
    if (state != FAILED) {
      failure = detail;
      state = FAILED;
    }
  }

  /** Line and character of the next byte, as {@link Json} words it. */
  private String where() {
    return " (строка " + line + ", позиция " + (column + 1) + ")";
  }

  private void track(int b) {
    if (b == '\n') {
      if (!afterCr) {
        line++;
      }
      column = 0;
      afterCr = false;
    } else if (b == '\r') {
      line++;
      column = 0;
      afterCr = true;
    } else {
      afterCr = false;
      if ((b & 0xC0) != 0x80) {
        column++; // a character starts here (a continuation byte does not start one)
      }
    }
  }
}
