package vn.lienlac.infra.delivery;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import vn.lienlac.delivery.channel.Channel;
import vn.lienlac.delivery.push.FcmChannel;
import vn.lienlac.delivery.push.GoogleAccessTokens;
import vn.lienlac.delivery.push.ServiceAccount;
import vn.lienlac.infra.config.ConfigException;
import vn.lienlac.infra.config.LienlacConfig;
import vn.lienlac.infra.config.Setting;
import vn.lienlac.messaging.devices.Devices;

/**
 * Builds the FCM push channel from the settings: one HTTP/2 client per workers process (a few
 * connections, many concurrent streams each), OAuth2 tokens from the service account key.
 */
public final class PushWiring {

  private PushWiring() {}

  /** Empty when no service account is configured: then push steps fail over to the next channel. */
  public static Optional<Channel> pushChannel(Vertx vertx, LienlacConfig config, Devices devices) {
    if (!config.has(Setting.FCM_SERVICE_ACCOUNT_FILE)) {
      return Optional.empty();
    }
    ServiceAccount account = serviceAccount(config);
    String baseUrl = trimSlash(config.string(Setting.FCM_BASE_URL));
    boolean tls = baseUrl.startsWith("https:");
    WebClientOptions http2 = new WebClientOptions().setUserAgent("lienlac-delivery")
        .setProtocolVersion(HttpVersion.HTTP_2).setSsl(tls).setUseAlpn(tls)
        // cleartext (the sandbox): HTTP/2 with prior knowledge, no upgrade round trip
        .setHttp2ClearTextUpgrade(false)
        .setHttp2MultiplexingLimit(config.integer(Setting.FCM_STREAMS_PER_CONNECTION))
        .setConnectTimeout(5_000).setKeepAlive(true);
    WebClient client = WebClient.create(vertx, http2,
        new PoolOptions().setHttp2MaxSize(config.integer(Setting.FCM_CONNECTIONS)).setMaxWaitQueueSize(-1));
    // The token endpoint is an ordinary HTTP/1.1 form POST.
    WebClient oauth = WebClient.create(vertx, new WebClientOptions().setUserAgent("lienlac-delivery"));
    String tokenUrl = config.has(Setting.FCM_TOKEN_URL) ? config.string(Setting.FCM_TOKEN_URL) : account.tokenUri();
    String project = config.has(Setting.FCM_PROJECT_ID) ? config.string(Setting.FCM_PROJECT_ID) : account.projectId();
    GoogleAccessTokens tokens = new GoogleAccessTokens(oauth, account, tokenUrl,
        config.duration(Setting.FCM_TOKEN_REFRESH_EARLY), Clock.systemUTC());
    return Optional.of(new FcmChannel(client, tokens, devices, baseUrl, project,
        config.duration(Setting.FCM_REQUEST_TIMEOUT), Clock.systemUTC()));
  }

  static ServiceAccount serviceAccount(LienlacConfig config) {
    String where = config.string(Setting.FCM_SERVICE_ACCOUNT_FILE);
    String json;
    try {
      if (where.startsWith("classpath:")) {
        try (InputStream in = PushWiring.class.getClassLoader().getResourceAsStream(where.substring(10))) {
          if (in == null) {
            throw new ConfigException(Setting.FCM_SERVICE_ACCOUNT_FILE.env() + ": no resource " + where);
          }
          json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } else {
        json = Files.readString(Path.of(where));
      }
      return ServiceAccount.fromJson(new JsonObject(json));
    } catch (IOException e) {
      throw new ConfigException(Setting.FCM_SERVICE_ACCOUNT_FILE.env() + ": cannot read " + where + " (" + e.getMessage() + ")");
    } catch (IllegalArgumentException | io.vertx.core.json.DecodeException e) {
      throw new ConfigException(Setting.FCM_SERVICE_ACCOUNT_FILE.env() + ": " + e.getMessage());
    }
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
