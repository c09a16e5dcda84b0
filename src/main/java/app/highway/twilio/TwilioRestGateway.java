package app.highway.twilio;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.net.URI;
import java.util.List;

/** Places and ends calls through Twilio's REST API with the official SDK. */
public final class TwilioRestGateway implements TwilioGateway {
    /** The status events the bridge follows; "answered" arrives as CallStatus in-progress. */
    static final List<String> STATUS_EVENTS = List.of("initiated", "ringing", "answered", "completed");

    private final TwilioRestClient client;

    public TwilioRestGateway(String accountSid, String authToken, URI apiBaseUrl) {
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(accountSid, authToken);
        if (!apiBaseUrl.toString().equals("https://api.twilio.com")) {
            builder.httpClient(new BaseUrlHttpClient(apiBaseUrl));
        }
        this.client = builder.build();
    }

    @Override
    public String placeCall(OutboundCall call) throws TwilioApiException {
        try {
            CallCreator creator = Call.creator(new PhoneNumber(call.to()), new PhoneNumber(call.from()),
                            new Twiml(call.twiml()))
                    .setStatusCallback(URI.create(call.statusCallbackUrl()))
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setStatusCallbackEvent(STATUS_EVENTS)
                    .setTimeout(call.ringTimeoutSeconds())
                    .setTimeLimit(call.timeLimitSeconds());
            if (call.detectsMachines()) {
                // asynchronous: the call connects (and the media stream starts) at once, the verdict follows
                creator.setMachineDetection(call.machineDetection())
                        .setMachineDetectionTimeout(call.machineDetectionTimeoutSeconds())
                        .setAsyncAmd("true")
                        .setAsyncAmdStatusCallback(URI.create(call.amdCallbackUrl()))
                        .setAsyncAmdStatusCallbackMethod(HttpMethod.POST);
            }
            Call created = creator.create(client);
            return created.getSid();
        } catch (TwilioException e) {
            throw translate(e);
        }
    }

    @Override
    public String fetchStatus(String callSid) throws TwilioApiException {
        try {
            Call call = Call.fetcher(callSid).fetch(client);
            return call.getStatus() == null ? "unknown" : call.getStatus().toString();
        } catch (TwilioException e) {
            throw translate(e);
        }
    }

    @Override
    public void endCall(String callSid, boolean answered) throws TwilioApiException {
        try {
            Call.updater(callSid)
                    .setStatus(answered ? Call.UpdateStatus.COMPLETED : Call.UpdateStatus.CANCELED)
                    .update(client);
        } catch (TwilioException e) {
            throw translate(e);
        }
    }

    @Override
    public void redirect(String callSid, String twiml) throws TwilioApiException {
        try {
            Call.updater(callSid).setTwiml(new Twiml(twiml)).update(client);
        } catch (TwilioException e) {
            throw translate(e);
        }
    }

    private static TwilioApiException translate(TwilioException e) {
        if (e instanceof ApiException api && api.getCode() != null) {
            int status = api.getStatusCode() == null ? 0 : api.getStatusCode();
            return new TwilioApiException(api.getCode(), status, api.getMessage(), api.getMoreInfo());
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new TwilioApiException(0, 0, message, null);
    }
}
