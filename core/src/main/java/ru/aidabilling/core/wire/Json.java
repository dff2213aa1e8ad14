package ru.aidabilling.core.wire;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) writer and reader, because core may depend on nothing but {@code
 * java.*} and still has to write and read its audit log. The apps use Jackson for their HTTP
 * bodies; this class is for core's own files.
 *
 * <p>Writing takes {@link Map} (string keys, order kept), {@link Iterable}, arrays of objects,
 * {@link CharSequence}, {@link Number}, {@link Boolean} and null. Strings escape quotes, backslash,
 * every control character, U+2028/U+2029 (so a line stays a line anywhere) and lone surrogates (so
 * no character is lost on the way through UTF-8). Reading gives {@link LinkedHashMap}, {@link
 * ArrayList}, {@link String}, {@link Long} (integers that fit) or {@link BigDecimal}, {@link
 * Boolean} and null; it rejects anything RFC 8259 does not allow, duplicate keys and nesting deeper
 * than {@value #MAX_DEPTH}, with a {@link ParseException} that names the position.
 */
public final class Json {
  /** The deepest nesting of arrays and objects {@link #parse} accepts. */
  public static final int MAX_DEPTH = 64;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /** Malformed JSON: the message says what was wrong and {@link #position()} where. */
  public static final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final int position;

    ParseException(String message, int position) {
      super(message + " at position " + position);
      this.position = position;
    }

    /** The offset (in UTF-16 code units, from 0) where the input went wrong. */
    public int position() {
      return position;
    }
  }

  /**
   * The JSON text of a value, on one line with no spaces.
   *
   * @throws IllegalArgumentException for a type it cannot write, a non-string map key, a NaN or an
   *     infinite number, or a structure nested deeper than {@value #MAX_DEPTH}
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out, 0);
    return out.toString();
  }

  /**
   * Reads one JSON value; whitespace around it is allowed, anything else after it is not.
   *
   * @throws ParseException when the text is not exactly one JSON value
   */
  public static Object parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("JSON text is null");
    }
    Reader reader = new Reader(text);
    reader.skipWhitespace();
    Object value = reader.value(0);
    reader.skipWhitespace();
    if (reader.pos < text.length()) {
      throw reader.error("unexpected " + reader.describeCurrent() + " after the value");
    }
    return value;
  }

  // ---------------------------------------------------------------- writing

  private static void write(Object value, StringBuilder out, int depth) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence s) {
      writeString(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Number n) {
      writeNumber(n, out);
    } else if (value instanceof Map<?, ?> map) {
      checkDepth(depth);
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof CharSequence key)) {
          throw new IllegalArgumentException(
              "JSON object keys must be strings, got "
                  + (e.getKey() == null ? "null" : e.getKey().getClass().getName()));
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString(key, out);
        out.append(':');
        write(e.getValue(), out, depth + 1);
      }
      out.append('}');
    } else if (value instanceof Iterable<?> list) {
      checkDepth(depth);
      writeArray(list.iterator(), out, depth);
    } else if (value instanceof Object[] array) {
      checkDepth(depth);
      writeArray(List.of(array).iterator(), out, depth);
    } else {
      throw new IllegalArgumentException(
          "cannot write a " + value.getClass().getName() + " as JSON");
    }
  }

  private static void checkDepth(int depth) {
    if (depth >= MAX_DEPTH) {
      throw new IllegalArgumentException("JSON nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private static void writeArray(Iterator<?> items, StringBuilder out, int depth) {
    out.append('[');
    boolean first = true;
    while (items.hasNext()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(items.next(), out, depth + 1);
    }
    out.append(']');
  }

  private static void writeNumber(Number n, StringBuilder out) {
    if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
      out.append(n.longValue());
    } else if (n instanceof BigInteger big) {
      out.append(big);
    } else if (n instanceof BigDecimal dec) {
      out.append(dec); // toString uses JSON's own exponent notation when it uses one
    } else if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("JSON has no NaN or infinite numbers: " + d);
      }
      out.append(n instanceof Float ? n.toString() : Double.toString(d));
    } else {
      throw new IllegalArgumentException("cannot write a " + n.getClass().getName() + " as JSON");
    }
  }

  private static void writeString(CharSequence s, StringBuilder out) {
    out.append('"');
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
            unicodeEscape(c, out);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < n
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            unicodeEscape(c, out); // a lone surrogate would turn into '?' in UTF-8
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }

  // ---------------------------------------------------------------- reading

  /** A recursive-descent reader over one text; depth-limited, so recursion stays shallow. */
  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    Object value(int depth) {
      if (pos >= text.length()) {
        throw error("unexpected end of input, expected a value");
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> object(depth + 1);
        case '[' -> array(depth + 1);
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield number();
          }
          throw error("unexpected " + describeCurrent() + ", expected a value");
        }
      };
    }

    private Map<String, Object> object(int depth) {
      enter(depth);
      pos++; // {
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error(
              atEnd() ? "unexpected end of input, expected a key" : "expected a string key");
        }
        int keyAt = pos;
        String key = string();
        if (map.containsKey(key)) {
          throw new ParseException("duplicate key \"" + key + "\"", keyAt);
        }
        skipWhitespace();
        expect(':');
        skipWhitespace();
        map.put(key, value(depth));
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          pos--;
          throw error(
              atEnd() ? "unexpected end of input, expected ',' or '}'" : "expected ',' or '}'");
        }
      }
    }

    private List<Object> array(int depth) {
      enter(depth);
      pos++; // [
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        skipWhitespace();
        list.add(value(depth));
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          pos--;
          throw error(
              atEnd() ? "unexpected end of input, expected ',' or ']'" : "expected ',' or ']'");
        }
      }
    }

    private void enter(int depth) {
      if (depth > MAX_DEPTH) {
        throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
      }
    }

    private String string() {
      pos++; // opening quote
      StringBuilder sb = null;
      int start = pos;
      while (true) {
        if (pos >= text.length()) {
          throw error("unexpected end of input inside a string");
        }
        char c = text.charAt(pos);
        if (c == '"') {
          String s =
              sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
          pos++;
          return s;
        }
        if (c < 0x20) {
          throw error("control character U+" + hex4(c) + " must be escaped in a string");
        }
        if (c != '\\') {
          pos++;
          continue;
        }
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(text, start, pos);
        pos++; // backslash
        if (pos >= text.length()) {
          throw error("unexpected end of input inside a string");
        }
        char e = text.charAt(pos);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> {
            sb.append(hexChar(pos + 1));
            pos += 4;
          }
          default -> throw error("invalid escape \\" + e);
        }
        pos++;
        start = pos;
      }
    }

    private char hexChar(int at) {
      int v = 0;
      for (int i = at; i < at + 4; i++) {
        if (i >= text.length()) {
          throw new ParseException("unexpected end of input in a \\u escape", i);
        }
        char c = text.charAt(i);
        int d = c <= 'f' ? Character.digit(c, 16) : -1;
        if (d < 0) {
          throw new ParseException("invalid hex digit in a \\u escape", i);
        }
        v = v * 16 + d;
      }
      return (char) v;
    }

    private Object number() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      if (peek() == '0') {
        pos++;
        if (isDigit(peek())) {
          throw error("a number must not have a leading zero");
        }
      } else if (isDigit(peek())) {
        digits();
      } else {
        throw error(atEnd() ? "unexpected end of input in a number" : "expected a digit");
      }
      boolean integral = true;
      if (peek() == '.') {
        integral = false;
        pos++;
        if (!isDigit(peek())) {
          throw error(
              atEnd() ? "unexpected end of input in a number" : "expected a digit after '.'");
        }
        digits();
      }
      if (peek() == 'e' || peek() == 'E') {
        integral = false;
        pos++;
        if (peek() == '+' || peek() == '-') {
          pos++;
        }
        if (!isDigit(peek())) {
          throw error(
              atEnd() ? "unexpected end of input in a number" : "expected a digit in the exponent");
        }
        digits();
      }
      String literal = text.substring(start, pos);
      if (integral && literal.length() <= 20) {
        try {
          return Long.parseLong(literal);
        } catch (NumberFormatException tooBig) {
          // falls through to BigDecimal
        }
      }
      try {
        return new BigDecimal(literal);
      } catch (NumberFormatException | ArithmeticException e) {
        throw new ParseException("number out of range", start);
      }
    }

    private void digits() {
      while (isDigit(peek())) {
        pos++;
      }
    }

    private Object literal(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        if (word.startsWith(text.substring(pos))) {
          throw new ParseException("unexpected end of input in '" + word + "'", text.length());
        }
        throw error("unexpected " + describeCurrent() + ", expected a value");
      }
      pos += word.length();
      return value;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error(
            atEnd() ? "unexpected end of input, expected '" + c + "'" : "expected '" + c + "'");
      }
      pos++;
    }

    void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private char peek() {
      return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean atEnd() {
      return pos >= text.length();
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    String describeCurrent() {
      if (atEnd()) {
        return "end of input";
      }
      char c = text.charAt(pos);
      return c >= 0x20 && c < 0x7F ? "'" + c + "'" : "character U+" + hex4(c);
    }

    ParseException error(String message) {
      return new ParseException(message, pos);
    }

    private static String hex4(char c) {
      return String.format("%04X", (int) c);
    }
  }
}
