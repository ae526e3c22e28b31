package vn.lienlac.payment.vietqr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The public VietQR vectors of ../shared/fixtures: our encoder must produce them and our decoder read them. */
class VietQrVectorsTest {

  record Vector(String bin, String account, String service, Long amount, String billNumber, String memo,
      String payload, String source) {
    @Override
    public String toString() {
      return source;
    }
  }

  static Stream<Vector> vectors() throws IOException {
    Path file = fixtures().resolve("vietqr-vectors.txt");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    return lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> {
      String[] f = l.split("\\|", -1);
      return new Vector(f[0], f[1], f[2], f[3].isEmpty() ? null : Long.parseLong(f[3]),
          f[4].isEmpty() ? null : f[4], f[5].isEmpty() ? null : f[5], f[6], f[7]);
    });
  }

  /** ../shared/fixtures next to the repository, found from wherever the tests run. */
  static Path fixtures() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("fixtures");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("../shared/fixtures not found beside the repository");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void encoding_the_inputs_gives_the_public_payload(Vector v) {
    VietQrPayload payload = new VietQrPayload(v.bin(), v.account(), v.service().equals("QRIBFTTC"), v.amount(),
        v.billNumber(), null, v.memo());

    assertThat(VietQrEncoder.encode(payload)).isEqualTo(v.payload());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void decoding_the_public_payload_gives_the_inputs(Vector v) {
    VietQrPayload decoded = VietQrDecoder.decode(v.payload());

    assertThat(decoded.bin()).isEqualTo(v.bin());
    assertThat(decoded.account()).isEqualTo(v.account());
    assertThat(decoded.toCard()).isEqualTo(v.service().equals("QRIBFTTC"));
    assertThat(decoded.amount()).isEqualTo(v.amount());
    assertThat(decoded.billNumber()).isEqualTo(v.billNumber());
    assertThat(decoded.memo()).isEqualTo(v.memo());
  }
}
