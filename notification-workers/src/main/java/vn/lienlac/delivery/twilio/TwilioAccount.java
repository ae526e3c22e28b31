package vn.lienlac.delivery.twilio;

/**
 * A Twilio account sending SMS.
 *
 * @param baseUrl {@code https://api.twilio.com}, or a sandbox twin
 * @param from the sender number (E.164) or a Messaging Service SID ({@code MG…})
 * @param statusCallback where Twilio posts status changes, or null
 */
public record TwilioAccount(String baseUrl, String accountSid, String authToken, String from, String statusCallback) {

  @Override
  public String toString() {
    return "TwilioAccount[" + baseUrl + ", " + accountSid + "]";
  }
}
