package vn.lienlac.api.statements;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import vn.lienlac.api.http.Problems;

/**
 * Reads an uploaded statement into memory, up to {@link #LIMIT_BYTES}: the first file part of a
 * multipart form (with an optional {@code format} field), or the raw body ({@code ?format=} hint).
 * Nothing is written to disk. Over the limit, the answer is 413 at once and the rest is not kept.
 */
record StatementUpload(byte[] content, String formatHint) {

  static final int LIMIT_BYTES = 8 * 1024 * 1024;

  /** The upload, or null once 413 has been sent. */
  static Future<StatementUpload> read(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    Promise<StatementUpload> done = Promise.promise();
    Buffer content = Buffer.buffer();
    boolean[] refused = {false};
    boolean[] filePart = {false};
    Handler<Buffer> collect = chunk -> {
      if (refused[0]) {
        return;
      }
      if (content.length() + chunk.length() > LIMIT_BYTES) {
        refused[0] = true;
        // Answer at once; the rest is read and dropped so the client sees the answer rather than a reset.
        Problems.send(ctx, 413, "body-too-large");
        done.tryComplete(null);
        return;
      }
      content.appendBuffer(chunk);
    };
    String type = request.getHeader("content-type");
    boolean multipart = type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    if (multipart) {
      request.setExpectMultipart(true);
      request.uploadHandler(upload -> {
        if (filePart[0]) {
          upload.handler(ignored -> { });
          return;
        }
        filePart[0] = true;
        upload.handler(collect);
      });
    } else {
      request.handler(collect);
    }
    request.exceptionHandler(e -> done.tryFail(e));
    request.endHandler(v -> {
      if (refused[0]) {
        return;
      }
      String hint = multipart ? request.getFormAttribute("format") : null;
      if (hint == null) {
        hint = ctx.queryParams().get("format");
      }
      done.tryComplete(new StatementUpload(content.getBytes(), hint));
    });
    request.resume();
    return done.future();
  }
}
