package vn.lienlac.infra.config;

import java.nio.file.Path;

/** Relative paths in settings are relative to the project folder (set by ./lienlac), else the working directory. */
public final class ProjectPaths {

  private ProjectPaths() {}

  public static Path resolve(String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) {
      return p;
    }
    String root = System.getenv("LIENLAC_ROOT");
    return (root == null || root.isBlank() ? Path.of("").toAbsolutePath() : Path.of(root)).resolve(p).normalize();
  }
}
