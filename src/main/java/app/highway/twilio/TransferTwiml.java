package app.highway.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Number;
import com.twilio.twiml.voice.Say;
import java.net.URI;

/**
 * The TwiML of a transfer to a person: a cold one dials the number and connects the caller; a warm one
 * first plays the person who answers a short summary (Twilio fetches it from {@code whisperUrl} when they
 * pick up, before connecting the caller).
 */
public final class TransferTwiml {
    private TransferTwiml() {
    }

    /** {@code <Response><Dial>number</Dial></Response>}. */
    public static String cold(String e164) {
        return new VoiceResponse.Builder().dial(new Dial.Builder(e164).build()).build().toXml();
    }

    /** {@code <Response><Dial><Number url="whisperUrl">number</Number></Dial></Response>}. */
    public static String warm(String e164, String whisperUrl) {
        Number number = new Number.Builder(e164).url(URI.create(whisperUrl)).method(HttpMethod.POST).build();
        return new VoiceResponse.Builder().dial(new Dial.Builder().number(number).build()).build().toXml();
    }

    /** What the person hears before the caller is connected: {@code <Response><Say>summary</Say></Response>}. */
    public static String whisper(String summary) {
        return new VoiceResponse.Builder().say(new Say.Builder(summary).build()).build().toXml();
    }
}
