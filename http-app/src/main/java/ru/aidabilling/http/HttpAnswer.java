package ru.aidabilling.http;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer independent of the server library: status, content type and body bytes. Lets the
 * same endpoint logic serve the v1 route and the sandbox route and be tested without sockets.
 */
public record HttpAnswer(int status, String contentType, byte[] body) {
  public static final String JSON = "application/json; charset=utf-8";
  public static final String PROBLEM = "application/problem+json; charset=utf-8";

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
