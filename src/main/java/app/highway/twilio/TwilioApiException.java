package app.highway.twilio;

/**
 * Twilio refused a request. {@code code} is Twilio's error code (21211 invalid number, 21219/21608
 * unverified trial number, 20003 bad credentials, 20429 too many requests); 0 when Twilio could
 * not be reached at all.
 */
public class TwilioApiException extends Exception {
    private final int code;
    private final int httpStatus;
    private final String moreInfo;

    public TwilioApiException(int code, int httpStatus, String message, String moreInfo) {
        super(message);
        this.code = code;
        this.httpStatus = httpStatus;
        this.moreInfo = moreInfo;
    }

    public int code() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String moreInfo() {
        return moreInfo;
    }

    /** What the operator should read, with Twilio's code. */
    public String humanMessage() {
        String hint = switch (code) {
            case 21211, 21214, 21217 -> "The number is not a valid phone number Twilio can call.";
            case 21219, 21608 -> "This Twilio trial account can only call verified numbers: verify the number in "
                    + "the Twilio console or upgrade the account.";
            case 20003 -> "Twilio rejected the account SID or auth token: check TWILIO_ACCOUNT_SID and "
                    + "TWILIO_AUTH_TOKEN.";
            case 20429 -> "Twilio is rate limiting this account: try again shortly or lower "
                    + "TWILIO_CALLS_PER_SECOND.";
            case 0 -> "Twilio could not be reached.";
            default -> "Twilio refused the request.";
        };
        return hint + " (Twilio " + (code == 0 ? "unreachable" : "error " + code) + ": " + getMessage() + ")";
    }
}
