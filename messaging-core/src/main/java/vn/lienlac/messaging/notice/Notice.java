package vn.lienlac.messaging.notice;

import java.util.Map;
import java.util.Objects;

/**
 * A short system notice to one person, rendered from a template in their language and delivered by
 * the notification workers: a sign-in code, a payment received, a fee reminder.
 *
 * @param phoneE164 where it goes ({@code +849…}); the guardian's app devices too when {@code guardianId} is known
 * @param guardianId the directory guardian, or null (e.g. staff, or an OTP to a number we only have as typed)
 * @param template a key of the notice templates, e.g. {@code otp}
 * @param params the template's variables, e.g. {@code code}
 * @param language {@code vi} or {@code en}
 * @param dedupKey the caller's idempotency key: a second notice with the same key is not stored again
 */
public record Notice(String phoneE164, Long guardianId, String template, Map<String, String> params,
                     String language, String dedupKey) {

  public Notice {
    Objects.requireNonNull(phoneE164, "phoneE164");
    Objects.requireNonNull(template, "template");
    params = Map.copyOf(params);
    language = "en".equals(language) ? "en" : "vi";
  }
}
