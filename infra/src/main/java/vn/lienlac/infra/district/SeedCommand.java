package vn.lienlac.infra.district;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.runtime.Connections;
import vn.lienlac.infra.seed.DistrictSeeder;
import vn.lienlac.infra.seed.SeedOptions;
import vn.lienlac.infra.seed.SeedResult;

@Command(name = "seed", mixinStandardHelpOptions = true,
    description = {"Tạo CSDL ngành mẫu / creates and fills a sandbox district database.",
        "Realistic synthetic data: Vietnamese names, phone numbers in every form schools type them, siblings",
        "sharing guardians, guardians with children in several schools, homeroom and subject teachers,",
        "students who transferred or left, and a few bad rows for the data-quality report.",
        "Deterministic: the same options and --seed give the same data. Needs LIENLAC_DISTRICT_PG_URL."})
public final class SeedCommand implements Callable<Integer> {

  @Mixin
  DatabaseOptions databases;

  @Option(names = "--schools", defaultValue = "20", description = "Number of schools. Default: ${DEFAULT-VALUE}.")
  int schools;

  @Option(names = "--students-per-school", defaultValue = "500",
      description = "Students in each school. Default: ${DEFAULT-VALUE}.")
  int studentsPerSchool;

  @Option(names = "--seed", defaultValue = "2026", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--replace", description = "Empty the district tables first if they already hold data.")
  boolean replace;

  @Override
  public Integer call() {
    LienlacConfig config = databases.apply(LienlacConfig.load());
    SeedResult result = new DistrictSeeder(Connections.districtUrl(config),
        new SeedOptions(schools, studentsPerSchool, seed, replace)).seed(System.err::println);
    System.out.println(result);
    return 0;
  }
}
