package app.highway.twilio;

/** What the bridge asks of the carrier: place a call, end a call. Twilio's REST API, or the simulation. */
public interface TwilioGateway {
    /** Places the call and returns Twilio's CallSid. */
    String placeCall(OutboundCall call) throws TwilioApiException;

    /** Twilio's current status word for a call (queued, ringing, in-progress, completed, busy, …). */
    String fetchStatus(String callSid) throws TwilioApiException;

    /** Ends a call: cancels it while it is queued or ringing, hangs it up once answered. */
    void endCall(String callSid, boolean answered) throws TwilioApiException;
}
