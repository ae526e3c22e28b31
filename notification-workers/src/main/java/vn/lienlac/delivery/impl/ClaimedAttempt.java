package vn.lienlac.delivery.impl;

import java.util.Map;

/** An attempt this worker holds the lease of, with the notice it delivers. */
public record ClaimedAttempt(long id, String channel, int attemptsMade, String phoneE164, String template,
                             Map<String, String> params, String language) {}
