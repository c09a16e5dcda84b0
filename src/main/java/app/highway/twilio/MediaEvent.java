package app.highway.twilio;

import app.highway.audio.Base64Audio;
import java.util.Map;

/** One message Twilio Media Streams sends to the bridge. */
public sealed interface MediaEvent {
    record Connected(String protocol) implements MediaEvent { }

    record Start(String streamSid, String callSid, String accountSid, Map<String, String> customParameters,
            String encoding, int sampleRate) implements MediaEvent { }

    /**
     * {@code timestamp} is milliseconds since the stream started; {@code payload} μ-law base64, as it
     * lies in the message's bytes: valid while the message is handled ({@link Base64Audio#copy} keeps it).
     */
    record Media(String streamSid, String track, long timestamp, Base64Audio payload) implements MediaEvent { }

    record Mark(String streamSid, String name) implements MediaEvent { }

    record Dtmf(String streamSid, String digit) implements MediaEvent { }

    record Stop(String streamSid, String callSid) implements MediaEvent { }

    /** A message the bridge cannot use; {@code reason} says why (logged, the call goes on). */
    record Malformed(String reason) implements MediaEvent { }
}
