package vn.lienlac.infra.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import vn.lienlac.messaging.privacy.PersonalData;

/**
 * One JSON object per log line: time, level, logger, thread, message (phone numbers masked), the
 * request id when the line is about a request, and the stack trace (also masked) if any.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    JsonObject line = new JsonObject()
        .put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString())
        .put("level", event.getLevel().toString())
        .put("logger", event.getLoggerName())
        .put("thread", event.getThreadName())
        .put("msg", PersonalData.maskPhonesIn(event.getFormattedMessage()));
    Map<String, String> mdc = event.getMDCPropertyMap();
    if (mdc != null) {
      mdc.forEach((k, v) -> line.put(k, PersonalData.maskPhonesIn(v)));
    }
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.put("error", PersonalData.maskPhonesIn(ThrowableProxyUtil.asString(error)));
    }
    return (line.encode() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }
}
