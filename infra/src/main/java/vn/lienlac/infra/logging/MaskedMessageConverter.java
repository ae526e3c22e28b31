package vn.lienlac.infra.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import vn.lienlac.messaging.privacy.PersonalData;

/** {@code %maskedMsg} in text log patterns: the message with phone numbers masked. */
public final class MaskedMessageConverter extends ClassicConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return PersonalData.maskPhonesIn(event.getFormattedMessage());
  }
}
