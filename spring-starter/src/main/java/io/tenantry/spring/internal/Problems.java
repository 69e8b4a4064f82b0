package io.tenantry.spring.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes RFC 9457 problem details ({@code application/problem+json}) from filters and security
 * handlers, where Spring MVC's message converters are not in play. The JSON is written by hand so
 * that the filter path needs no JSON library; only fixed texts and the request path go into it.
 *
 * <p>Internal.
 */
public final class Problems {

  /** The media type of RFC 9457 problem details. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The {@code Retry-After} of every 503 the starter writes: the outage (a database, a token issuer) may be short. */
  public static final int RETRY_AFTER_SECONDS = 1;

  private Problems() {}

  /** Writes a problem with the given status, title and detail; the request path becomes {@code instance}. */
  public static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(body(status, title, detail, request.getRequestURI()));
    response.flushBuffer();
  }

  /**
   * Writes 503 Service Unavailable with {@code Retry-After}: something the server needs to answer could not be
   * reached, and nothing about the request was decided.
   */
  public static void writeUnavailable(HttpServletRequest request, HttpServletResponse response, String detail)
      throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
    write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Service Unavailable", detail);
  }

  /** The problem as JSON: {@code type} (always {@code about:blank}), {@code title}, {@code status}, {@code detail}, {@code instance}. */
  static String body(int status, String title, String detail, String instance) {
    return "{\"type\":\"about:blank\""
        + ",\"title\":" + quote(title)
        + ",\"status\":" + status
        + ",\"detail\":" + quote(detail)
        + ",\"instance\":" + quote(instance)
        + "}";
  }

  /** A JSON string literal. */
  static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
