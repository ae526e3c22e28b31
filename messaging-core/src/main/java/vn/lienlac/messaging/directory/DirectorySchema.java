package vn.lienlac.messaging.directory;

/** Where the directory copy lives in our database; its Flyway migrations are in {@code db/directory}. */
public final class DirectorySchema {
  public static final String NAME = "directory";
  public static final String MIGRATIONS = "db/directory";

  private DirectorySchema() {}
}
