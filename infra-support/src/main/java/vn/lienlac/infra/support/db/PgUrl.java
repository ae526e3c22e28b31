package vn.lienlac.infra.support.db;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A PostgreSQL location as the operator writes it: {@code postgresql://user:password@host:port/database}
 * (also {@code postgres://} and {@code jdbc:postgresql://}). One parsed value feeds both the reactive
 * client and JDBC (Flyway, COPY), so the two never disagree about where the data is.
 */
public record PgUrl(String host, int port, String database, String user, String password) {

  public PgUrl {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
  }

  public static PgUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty PostgreSQL URL");
    }
    String s = text.trim();
    if (s.startsWith("jdbc:")) {
      s = s.substring("jdbc:".length());
    }
    if (!s.startsWith("postgresql://") && !s.startsWith("postgres://")) {
      throw new IllegalArgumentException(
          "PostgreSQL URL must start with postgresql:// (got '" + redact(text) + "')");
    }
    URI uri;
    try {
      uri = URI.create(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed PostgreSQL URL '" + redact(text) + "'");
    }
    String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    String user = "postgres";
    String password = "";
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String query = uri.getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && kv[0].equals("user")) user = decode(kv[1]);
        if (kv.length == 2 && kv[0].equals("password")) password = decode(kv[1]);
      }
    }
    return new PgUrl(host, port, path.isEmpty() ? "postgres" : path, user, password);
  }

  public PgUrl withDatabase(String otherDatabase) {
    return new PgUrl(host, port, otherDatabase, user, password);
  }

  /** The URL the reactive client ({@code PgConnectOptions.fromUri}) understands. */
  public String uri() {
    String auth = enc(user) + (password.isEmpty() ? "" : ":" + enc(password));
    return "postgresql://" + auth + "@" + host + ":" + port + "/" + enc(database);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Safe to print: never shows the password. */
  @Override
  public String toString() {
    return "postgresql://" + user + (password.isEmpty() ? "" : ":***") + "@" + host + ":" + port + "/" + database;
  }

  private static String redact(String url) {
    return url.replaceAll("(//[^:/@]+:)[^@]*@", "$1***@");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
