package app.highway.campaign;

import app.highway.call.CallRateExceeded;
import app.highway.call.DialGate;
import app.highway.call.DialWithdrawn;
import app.highway.call.NumberNotAllowed;
import app.highway.config.CallSettings;
import app.highway.config.VoicemailPolicy;
import app.highway.twilio.TwilioApiException;
import java.util.function.UnaryOperator;

/**
 * Places one campaign call through the call core ({@code CallService.placeCall}), sharing its pace with every
 * other call; blocks until Twilio answered. Returns the call's id. {@code voicemail}: the campaign's policy for
 * answering machines (null: the bridge's default for campaigns).
 */
@FunctionalInterface
public interface Dialer {
    String dial(String placedBy, CampaignRow row, UnaryOperator<CallSettings> tailored, DialGate gate,
            VoicemailPolicy voicemail)
            throws TwilioApiException, CallRateExceeded, NumberNotAllowed, InterruptedException, DialWithdrawn;
}
