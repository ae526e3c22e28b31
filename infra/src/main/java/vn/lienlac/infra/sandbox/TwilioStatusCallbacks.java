package vn.lienlac.infra.sandbox;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.lienlac.delivery.twilio.TwilioSignature;

/**
 * What Twilio does after accepting a message with a {@code StatusCallback}: form POSTs of the status
 * changes ({@code MessageSid}, {@code MessageStatus}, {@code AccountSid}, {@code To}, {@code From},
 * {@code ApiVersion}), each signed with {@code X-Twilio-Signature} over the callback URL as given.
 */
final class TwilioStatusCallbacks {

  private static final Logger LOG = LoggerFactory.getLogger(TwilioStatusCallbacks.class);
  static final long DELAY_MS = 150;

  private final Vertx vertx;
  private final WebClient client;
  private final SandboxAccounts accounts;

  TwilioStatusCallbacks(Vertx vertx, SandboxAccounts accounts) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.accounts = accounts;
  }

  void sentThenDelivered(String url, String sid, String to, String from) {
    vertx.setTimer(DELAY_MS, t -> post(url, sid, to, from, "sent")
        .onComplete(ar -> vertx.setTimer(DELAY_MS, u -> post(url, sid, to, from, "delivered"))));
  }

  private io.vertx.core.Future<Void> post(String url, String sid, String to, String from, String status) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", sid);
    params.put("SmsSid", sid);
    params.put("MessageStatus", status);
    params.put("SmsStatus", status);
    params.put("AccountSid", accounts.twilioAccountSid());
    params.put("To", to);
    params.put("From", from);
    params.put("ApiVersion", "2010-04-01");
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    params.forEach(form::add);
    return client.postAbs(url).putHeader("X-Twilio-Signature", TwilioSignature.sign(url, params, accounts.twilioAuthToken()))
        .sendForm(form)
        .onFailure(e -> LOG.info("sandbox Twilio status callback to {} failed: {}", url, e.getMessage()))
        .<Void>mapEmpty().recover(e -> io.vertx.core.Future.succeededFuture());
  }
}
