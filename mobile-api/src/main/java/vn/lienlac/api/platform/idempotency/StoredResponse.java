package vn.lienlac.api.platform.idempotency;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;

/**
 * The first answer to an idempotent request, as replayed to its retries.
 *
 * @param headers {@code [[name, value], …]}: only the headers that describe the result (see
 *     {@link Idempotency#REPLAYED_HEADERS}); a retry gets its own request id, date and length
 */
record StoredResponse(int status, JsonArray headers, Buffer body) {}
