package vn.lienlac.delivery.esms;

/**
 * An eSMS.vn brandname account.
 *
 * @param baseUrl {@code https://rest.esms.vn}, or a sandbox twin
 * @param callbackUrl where eSMS reports delivery, or null (the callback format is not public yet)
 */
public record EsmsAccount(String baseUrl, String apiKey, String secretKey, String brandname, String callbackUrl) {

  @Override
  public String toString() {
    return "EsmsAccount[" + baseUrl + ", brandname " + brandname + "]";
  }
}
