package vn.lienlac.payment.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class PayOsSignatureTest {

  static final String KEY = "1a54716c8f0efb2744fb28b6e38b25da7f67a925d98bc1c18bd8faaecadd7675";

  /** The public example of payOS's documentation (PAYMENTS.md). */
  static JsonObject documentedData() {
    return new JsonObject()
        .put("orderCode", 123).put("amount", 3000).put("description", "VQRIO123")
        .put("accountNumber", "12345678").put("reference", "TF230204212323")
        .put("transactionDateTime", "2023-02-04 18:25:00").put("currency", "VND")
        .put("paymentLinkId", "124c33293c43417ab7879e14c8d9eb18").put("code", "00").put("desc", "Thành công")
        .put("counterAccountBankId", "").put("counterAccountBankName", "").put("counterAccountName", "")
        .put("counterAccountNumber", "").put("virtualAccountName", "").put("virtualAccountNumber", "");
  }

  @Test
  void the_documented_example_gives_the_documented_signature() {
    assertThat(PayOsSignature.sign(documentedData(), KEY))
        .isEqualTo("412e915d2871504ed31be63c8f62a149a4410d34c4c42affc9006ef9917eaa03");
  }

  @Test
  void null_fields_sign_like_empty_ones_and_key_order_does_not_matter() {
    JsonObject reordered = new JsonObject();
    documentedData().fieldNames().stream().sorted(java.util.Comparator.reverseOrder())
        .forEach(k -> reordered.put(k, documentedData().getValue(k)));
    reordered.putNull("counterAccountName");

    assertThat(PayOsSignature.verify(reordered, KEY,
        "412e915d2871504ed31be63c8f62a149a4410d34c4c42affc9006ef9917eaa03")).isTrue();
  }

  @Test
  void a_changed_amount_a_wrong_key_or_a_missing_signature_is_refused() {
    String good = "412e915d2871504ed31be63c8f62a149a4410d34c4c42affc9006ef9917eaa03";
    assertThat(PayOsSignature.verify(documentedData().put("amount", 300000), KEY, good)).isFalse();
    assertThat(PayOsSignature.verify(documentedData(), KEY.replace('1', '2'), good)).isFalse();
    assertThat(PayOsSignature.verify(documentedData(), KEY, null)).isFalse();
    assertThat(PayOsSignature.verify(documentedData(), KEY, "")).isFalse();
    assertThat(PayOsSignature.verify(documentedData(), KEY, good.toUpperCase())).isTrue();
  }
}
