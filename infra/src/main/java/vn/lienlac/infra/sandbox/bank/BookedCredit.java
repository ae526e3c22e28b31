package vn.lienlac.infra.sandbox.bank;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One movement on a fake account: {@code id} is the aggregator's id (a UUID, as SePay API v2 has),
 * {@code sequence} its place in the ledger, {@code bankRef} the bank's own reference (FT…) that
 * notifications and statements share.
 */
record BookedCredit(long sequence, String id, String bankRef, String account, long amount, String memo,
                    String payerName, Instant bookedAt, long balanceAfter) {

  JsonObject toJson() {
    return new JsonObject().put("id", id).put("bankTxnId", bankRef).put("account", account).put("amount", amount)
        .put("memo", memo).put("payerName", payerName).put("bookedAt", bookedAt.toString());
  }
}
