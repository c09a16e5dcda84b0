package app.highway.twilio;

/**
 * What the bridge asks of the carrier: place a call, end a call, send a live call elsewhere. Twilio's REST
 * API, or the simulation.
 */
public interface TwilioGateway {
    /** Places the call and returns Twilio's CallSid. */
    String placeCall(OutboundCall call) throws TwilioApiException;

    /** Twilio's current status word for a call (queued, ringing, in-progress, completed, busy, …). */
    String fetchStatus(String callSid) throws TwilioApiException;

    /** Ends a call: cancels it while it is queued or ringing, hangs it up once answered. */
    void endCall(String callSid, boolean answered) throws TwilioApiException;

    /**
     * Replaces what a live call is doing with {@code twiml} (Twilio stops the media stream and runs it): a
     * transfer's {@code <Dial>}. Not retried by the caller: running it twice would dial twice.
     */
    void redirect(String callSid, String twiml) throws TwilioApiException;
}
