package vn.lienlac.infra.config;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"In mọi thiết lập / prints every setting with its default, current value and source.",
        "For each: environment variable, lienlac.yaml key, meaning; passwords in URLs are hidden."})
public final class ConfigCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    LienlacConfig config = LienlacConfig.load();
    for (Setting s : Setting.values()) {
      String value = config.has(s) ? hidePassword(config.string(s)) : "(not set)";
      System.out.printf("%-34s %-30s default %-8s%n    %s%n    current: %s  [%s]%n",
          s.env(), s.yamlKey(), s.defaultValue() == null ? "none" : s.defaultValue(), s.meaning(), value,
          config.source(s));
    }
    return 0;
  }

  static String hidePassword(String value) {
    return value.replaceAll("(//[^:/@]*:)[^@]*@", "$1***@");
  }
}
