package vn.lienlac.payment.vietqr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** NAPAS bank identification numbers of the banks a school may collect with (PAYMENTS.md). */
public final class BankBins {

  public static final Map<String, String> ALL;

  static {
    Map<String, String> bins = new LinkedHashMap<>();
    bins.put("970436", "Vietcombank");
    bins.put("970415", "VietinBank");
    bins.put("970418", "BIDV");
    bins.put("970405", "Agribank");
    bins.put("970422", "MB");
    bins.put("970407", "Techcombank");
    bins.put("970416", "ACB");
    bins.put("970403", "Sacombank");
    bins.put("970432", "VPBank");
    bins.put("970423", "TPBank");
    bins.put("970437", "HDBank");
    bins.put("970443", "SHB");
    bins.put("970441", "VIB");
    bins.put("970426", "MSB");
    bins.put("970448", "OCB");
    bins.put("970440", "SeABank");
    bins.put("970431", "Eximbank");
    bins.put("970449", "LPBank");
    bins.put("970419", "NCB");
    bins.put("970428", "Nam A Bank");
    bins.put("970454", "BVBank");
    bins.put("970452", "KienLongBank");
    bins.put("970412", "PVcomBank");
    bins.put("970425", "ABBANK");
    bins.put("970409", "Bac A Bank");
    bins.put("970429", "SCB");
    bins.put("546034", "CAKE");
    bins.put("546035", "Ubank");
    bins.put("422589", "CIMB");
    bins.put("668888", "KBank");
    ALL = Collections.unmodifiableMap(bins);
  }

  private BankBins() {}

  public static String bankName(String bin) {
    return ALL.get(bin);
  }
}
