package app.highway.twilio;

import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks {@code X-Twilio-Signature} with the SDK's validator over the exact URL the bridge gave Twilio. */
public final class TwilioSignatures {
    public static final String HEADER = "X-Twilio-Signature";
    private final RequestValidator validator;

    public TwilioSignatures(String authToken) {
        this.validator = new RequestValidator(authToken);
    }

    public boolean valid(String url, Map<String, String> formParams, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        return validator.validate(url, formParams, signature);
    }

    /**
     * Twilio's signing scheme (HMAC-SHA1 over the URL and the sorted form parameters), for the
     * built-in simulated carrier, which must sign like Twilio to get in.
     */
    public static String sign(String authToken, String url, Map<String, String> formParams) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(formParams).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }
}
