package io.tenantry.test.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL JDBC URLs: swap the database, and take credentials out, since a {@code user=} left in a URL would
 * override the login of every pool built from it.
 */
final class JdbcUrls {

  static final String PREFIX = "jdbc:postgresql:";
  private static final Pattern URL = Pattern.compile("jdbc:postgresql:(//[^/?]*)?/?([^?]*)(?:\\?(.*))?");

  private JdbcUrls() {
  }

  static boolean isPostgres(String url) {
    return url != null && URL.matcher(url).matches();
  }

  static String withDatabase(String url, String database) {
    Matcher m = parse(url);
    return format(m.group(1), database, credentialFree(m.group(3)));
  }

  static String withoutCredentials(String url) {
    Matcher m = parse(url);
    return format(m.group(1), m.group(2), credentialFree(m.group(3)));
  }

  static Map<String, String> parameters(String url) {
    Map<String, String> parameters = new LinkedHashMap<>();
    String query = parse(url).group(3);
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return parameters;
  }

  private static Matcher parse(String url) {
    Matcher m = URL.matcher(url == null ? "" : url);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + url
          + " (expected jdbc:postgresql://host:5432/database)");
    }
    return m;
  }

  private static List<String> credentialFree(String query) {
    List<String> kept = new ArrayList<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
        if (!pair.isEmpty() && !key.equals("user") && !key.equals("password")) {
          kept.add(pair);
        }
      }
    }
    return kept;
  }

  private static String format(String authority, String database, List<String> parameters) {
    StringBuilder url = new StringBuilder(PREFIX);
    if (authority != null) {
      url.append(authority).append('/');
    }
    url.append(database);
    if (!parameters.isEmpty()) {
      url.append('?').append(String.join("&", parameters));
    }
    return url.toString();
  }
}
