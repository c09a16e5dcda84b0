package app.highway.store;

import app.highway.twilio.OutboundCall;
import app.highway.twilio.TwilioGateway;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twilio as recovery sees it: what it reports for each call, and which calls it was asked to end
 * (a call ended through it then reports {@code completed} or {@code canceled}).
 */
final class CarrierStatus implements TwilioGateway {
    private final Map<String, String> status = new ConcurrentHashMap<>();
    final List<String> asked = new CopyOnWriteArrayList<>();
    final List<String> ended = new CopyOnWriteArrayList<>();

    CarrierStatus with(String callSid, String twilioStatus) {
        status.put(callSid, twilioStatus);
        return this;
    }

    @Override
    public String placeCall(OutboundCall call) {
        throw new UnsupportedOperationException("recovery places no call");
    }

    @Override
    public String fetchStatus(String callSid) {
        asked.add(callSid);
        return status.getOrDefault(callSid, "in-progress");
    }

    @Override
    public void redirect(String callSid, String twiml) {
        throw new UnsupportedOperationException("recovery transfers no call");
    }

    @Override
    public void endCall(String callSid, boolean answered) {
        ended.add(callSid);
        status.put(callSid, answered ? "completed" : "canceled");
    }
}
