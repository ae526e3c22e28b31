package vn.lienlac.infra.support.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vn.lienlac.infra.support.db.PgUrl;

/**
 * A real PostgreSQL server (binaries from Maven Central) run as a child process on a free port.
 * With a data directory it keeps its data between runs (the demo); without one it uses a
 * throw-away directory (tests).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** How hard the server tries to keep data across a crash. Tests trade durability for speed. */
  public enum Durability { DURABLE, FAST_UNSAFE }

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedPostgresServer start(Path dataDirectory, Durability durability) {
    try {
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setServerConfig("max_connections", "200")
          .setServerConfig("shared_buffers", "256MB")
          .setServerConfig("max_wal_size", "2GB")
          .setPGStartupWait(java.time.Duration.ofSeconds(60));
      if (dataDirectory != null) {
        Files.createDirectories(dataDirectory);
        builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
      }
      if (durability == Durability.FAST_UNSAFE) {
        builder.setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off");
      }
      return new EmbeddedPostgresServer(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** Location of a database on this server, as the superuser {@code postgres}. */
  public PgUrl url(String database) {
    return new PgUrl("127.0.0.1", postgres.getPort(), database, "postgres", "");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
    }
  }
}
