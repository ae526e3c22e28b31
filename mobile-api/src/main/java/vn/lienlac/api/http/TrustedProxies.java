package vn.lienlac.api.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The reverse proxies (load balancers, ingress) whose {@code X-Forwarded-For} we believe, as address
 * ranges ({@code 10.0.0.0/8, 127.0.0.1, fd00::/8}). None by default: then a client could write any
 * address into that header, so only the socket's peer address counts.
 */
public final class TrustedProxies {

  public static final TrustedProxies NONE = new TrustedProxies(List.of());

  private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]{2,45}");

  private record Range(byte[] network, int prefix) {
    boolean contains(byte[] address) {
      if (address.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (network[full] & mask);
    }
  }

  private final List<Range> ranges;

  private TrustedProxies(List<Range> ranges) {
    this.ranges = ranges;
  }

  /** From the setting's text: comma-separated addresses or CIDR ranges; {@code none} or empty for none. */
  public static TrustedProxies parse(String text) {
    if (text == null || text.isBlank() || text.trim().toLowerCase(Locale.ROOT).equals("none")) {
      return NONE;
    }
    List<Range> ranges = new ArrayList<>();
    for (String raw : text.split(",")) {
      String entry = raw.trim();
      String[] parts = entry.split("/", -1);
      byte[] network = literal(parts[0]);
      if (network == null || parts.length > 2) {
        throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR range (e.g. 10.0.0.0/8, ::1)");
      }
      int max = network.length * 8;
      int prefix = max;
      if (parts.length == 2) {
        try {
          prefix = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
          prefix = -1;
        }
        if (prefix < 0 || prefix > max) {
          throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0–" + max);
        }
      }
      ranges.add(new Range(network, prefix));
    }
    return new TrustedProxies(List.copyOf(ranges));
  }

  public boolean isEmpty() {
    return ranges.isEmpty();
  }

  public boolean contains(String address) {
    byte[] bytes = literal(address);
    return bytes != null && ranges.stream().anyMatch(r -> r.contains(bytes));
  }

  /**
   * The bytes of an IP literal, or null when the text is not one. Checked before {@link InetAddress}
   * sees it, because that class would resolve anything else through DNS (blocking, and attacker-chosen).
   */
  static byte[] literal(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    boolean v4 = IPV4.matcher(t).matches();
    boolean v6 = !v4 && t.indexOf(':') >= 0 && IPV6.matcher(t).matches();
    if (!v4 && !v6) {
      return null;
    }
    try {
      byte[] bytes = InetAddress.getByName(t).getAddress();
      return bytes.length == 16 && isIpv4Mapped(bytes) ? java.util.Arrays.copyOfRange(bytes, 12, 16) : bytes;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isIpv4Mapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }
}
