package vn.lienlac.infra.district;

import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;

/** Command-line overrides of where our database and the district database are. */
final class DatabaseOptions {

  @Option(names = "--pg-url", paramLabel = "URL", description = "Our database (default: LIENLAC_PG_URL).")
  String pgUrl;

  @Option(names = "--district-url", paramLabel = "URL",
      description = "The district database (default: LIENLAC_DISTRICT_PG_URL).")
  String districtUrl;

  LienlacConfig apply(LienlacConfig config) {
    LienlacConfig result = config;
    if (pgUrl != null) {
      result = result.with(Setting.PG_URL, pgUrl, "--pg-url");
    }
    if (districtUrl != null) {
      result = result.with(Setting.DISTRICT_PG_URL, districtUrl, "--district-url");
    }
    return result;
  }
}
