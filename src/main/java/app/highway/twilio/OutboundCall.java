package app.highway.twilio;

/** One call to place: who to ring, the TwiML to run when answered, and the limits. */
public record OutboundCall(
        String to,
        String from,
        String twiml,
        String statusCallbackUrl,
        int ringTimeoutSeconds,
        int timeLimitSeconds,
        String callId,
        String streamToken) { }
