package app.highway.twilio;

import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Connect;
import com.twilio.twiml.voice.Parameter;
import com.twilio.twiml.voice.Stream;

/**
 * The TwiML run when the callee answers: connect the call's audio to the bridge's media
 * WebSocket. A stream URL cannot carry a query string, so the single-use token and the bridge's
 * call id travel as {@code <Parameter>}s and come back in the stream's {@code start} message.
 */
public final class StreamTwiml {
    public static final String TOKEN_PARAMETER = "streamToken";
    public static final String CALL_ID_PARAMETER = "callId";

    private StreamTwiml() {
    }

    public static String connect(String streamUrl, String callId, String streamToken) {
        Stream stream = new Stream.Builder()
                .url(streamUrl)
                .parameter(new Parameter.Builder().name(CALL_ID_PARAMETER).value(callId).build())
                .parameter(new Parameter.Builder().name(TOKEN_PARAMETER).value(streamToken).build())
                .build();
        return new VoiceResponse.Builder().connect(new Connect.Builder().stream(stream).build()).build().toXml();
    }
}
