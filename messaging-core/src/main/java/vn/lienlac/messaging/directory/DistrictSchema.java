package vn.lienlac.messaging.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The shape of the district education database that the sync reads (DESIGN.md, "The district
 * database"). The seeder and the tests create it to stand in for the real one.
 */
public final class DistrictSchema {

  /** Upstream tables in the order the sync copies them: referenced before referencing. */
  public static final List<String> TABLES =
      List.of("truong", "giao_vien", "lop", "hoc_sinh", "phu_huynh", "hoc_sinh_phu_huynh", "phan_cong");

  private DistrictSchema() {}

  /** DDL creating the district tables, their change indexes and the trigger keeping updated_at current. */
  public static String ddl() {
    try (InputStream in = DistrictSchema.class.getResourceAsStream("district-schema.sql")) {
      if (in == null) {
        throw new IllegalStateException("district-schema.sql missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
