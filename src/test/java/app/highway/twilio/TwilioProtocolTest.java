package app.highway.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Json;
import com.twilio.security.RequestValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class TwilioProtocolTest {
    private final MediaStreamProtocol protocol = new MediaStreamProtocol(Json.mapper());

    @Test
    void parsesTwiliosStartWithCustomParameters() {
        MediaEvent e = protocol.parse("{\"event\":\"start\",\"sequenceNumber\":\"1\",\"start\":{\"accountSid\":\"AC1\","
                + "\"streamSid\":\"MZ1\",\"callSid\":\"CA1\",\"tracks\":[\"inbound\"],\"mediaFormat\":{\"encoding\":"
                + "\"audio/x-mulaw\",\"sampleRate\":8000,\"channels\":1},\"customParameters\":{\"streamToken\":\"t\","
                + "\"callId\":\"hw-1\"}},\"streamSid\":\"MZ1\"}");
        MediaEvent.Start start = assertInstanceOf(MediaEvent.Start.class, e);
        assertEquals("CA1", start.callSid());
        assertEquals(Map.of("streamToken", "t", "callId", "hw-1"), start.customParameters());
    }

    @Test
    void brokenFramesAreMalformedNotExceptions() {
        for (String bad : new String[] {"", "{", "[]", "null", "{\"event\":\"media\"}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"abc\",\"timestamp\":\"1\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\",\"timestamp\":\"-5\"}}",
                "{\"event\":\"start\",\"start\":{}}", "{\"event\":\"explode\"}", "x".repeat(70_000)}) {
            assertInstanceOf(MediaEvent.Malformed.class, protocol.parse(bad), bad.length() > 50 ? "huge" : bad);
        }
        MediaEvent.Media ok = assertInstanceOf(MediaEvent.Media.class,
                protocol.parse("{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"track\":\"inbound\","
                        + "\"chunk\":\"2\",\"timestamp\":\"40\",\"payload\":\"//79\"}}"));
        assertEquals(40, ok.timestamp());
    }

    @Test
    void mediaFramesAreReadFromTheirBytesWithThePayloadWhereItLies() {
        MediaStreamProtocol.Reader reader = protocol.reader();
        String frame = "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"media\":{\"track\":\"inbound\","
                + "\"chunk\":\"2\",\"timestamp\":\"40\",\"payload\":\"//79AA==\"},\"streamSid\":\"MZ1\"}";
        byte[] bytes = ("....." + frame + "...").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MediaEvent.Media media = assertInstanceOf(MediaEvent.Media.class, reader.read(bytes, 5, frame.length()));
        assertEquals("//79AA==", media.payload().toString());
        assertTrue(media.payload().bytes() == bytes, "a view of the message's bytes, not a copy");
        assertEquals(40, media.timestamp());
        assertEquals("MZ1", media.streamSid());
        MediaEvent.Media next = assertInstanceOf(MediaEvent.Media.class, reader.read(bytes, 5, frame.length()));
        assertTrue(next.streamSid() == media.streamSid(), "the stream's sid is made once, not per frame");

        String escaped = frame.replace("//79", "\\/\\/79");
        MediaEvent.Media slow = assertInstanceOf(MediaEvent.Media.class, reader.read(
                escaped.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0, escaped.length()));
        assertEquals("//79AA==", slow.payload().toString(), "an escaped payload goes the text way");

        for (String bad : new String[] {"{", "[]", "{\"event\":\"media\"}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"abc\",\"timestamp\":\"1\"}}",
                "{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\",\"timestamp\":\"-5\"}}"}) {
            byte[] b = bad.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertInstanceOf(MediaEvent.Malformed.class, reader.read(b, 0, b.length), bad);
        }
        byte[] stop = "{\"event\":\"stop\",\"streamSid\":\"MZ1\",\"stop\":{}}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8);
        assertInstanceOf(MediaEvent.Stop.class, reader.read(stop, 0, stop.length), "other events: the text way");
    }

    @Test
    void base64LengthIsComputedWithoutDecoding() {
        assertEquals(160, MediaStreamProtocol.decodedLength(java.util.Base64.getEncoder().encodeToString(new byte[160])));
        assertEquals(161, MediaStreamProtocol.decodedLength(java.util.Base64.getEncoder().encodeToString(new byte[161])));
        assertFalse(MediaStreamProtocol.isBase64("ab=c"));
        assertTrue(MediaStreamProtocol.isBase64("ab=="));
    }

    @Test
    void base64PayloadsAreJudgedLikeTheDecoderWould() {
        java.util.Random random = new java.util.Random(7);
        for (int len = 0; len < 40; len++) {
            byte[] bytes = new byte[len];
            random.nextBytes(bytes);
            String ok = java.util.Base64.getEncoder().encodeToString(bytes);
            assertEquals(!ok.isEmpty(), MediaStreamProtocol.isBase64(ok), ok);
        }
        for (String bad : new String[] {"a===", "====", "ab=", "abc", "ab c", "ab-_", "QUé=", "Q\u0000I=", "=abc"}) {
            assertFalse(MediaStreamProtocol.isBase64(bad), bad);
        }
        assertTrue(MediaStreamProtocol.isBase64("QUI="));
    }

    @Test
    void ourSignaturesAreTheOnesTwiliosValidatorAccepts() {
        String url = "https://bridge.example.com/twilio/status";
        Map<String, String> form = Map.of("CallSid", "CA1", "CallStatus", "ringing");
        String sig = TwilioSignatures.sign("token", url, form);
        assertTrue(new RequestValidator("token").validate(url, form, sig));
        assertFalse(new TwilioSignatures("other").valid(url, form, sig));
        assertFalse(new TwilioSignatures("token").valid(url, form, null));
        String ws = "wss://bridge.example.com/media-stream";
        assertTrue(new TwilioSignatures("token").valid(ws, Map.of(), TwilioSignatures.sign("token", ws, Map.of())));
    }

    @Test
    void streamTokensAreSingleUseAndBoundToTheirCall() {
        StreamTokens tokens = new StreamTokens(Clock.systemUTC(), Duration.ofMinutes(5));
        String t = tokens.issue("hw-1");
        assertEquals(Optional.empty(), tokens.redeem(t, "CA1"), "not bound yet");
        String t2 = tokens.issue("hw-2");
        tokens.bind(t2, "CA2");
        assertEquals(Optional.empty(), tokens.redeem(t2, "CA9"), "foreign CallSid");
        String t3 = tokens.issue("hw-3");
        tokens.bind(t3, "CA3");
        assertEquals(Optional.of("hw-3"), tokens.redeem(t3, "CA3"));
        assertEquals(Optional.empty(), tokens.redeem(t3, "CA3"), "replayed");
        String expired = new StreamTokens(Clock.systemUTC(), Duration.ofMillis(-1)).issue("hw-4");
        assertEquals(Optional.empty(), tokens.redeem(expired, "CA4"));
    }

    @Test
    void twimlConnectsTheStreamWithParametersAndNoQueryString() {
        String twiml = StreamTwiml.connect("wss://bridge.example.com/media-stream", "hw-1", "tok");
        assertTrue(twiml.contains("<Connect><Stream url=\"wss://bridge.example.com/media-stream\">"), twiml);
        assertTrue(twiml.contains("<Parameter name=\"streamToken\" value=\"tok\"/>"), twiml);
    }

    @Test
    void pacingRefusesWhenTheTurnIsBeyondTheWaitLimit() throws Exception {
        CallPacer pacer = new CallPacer(1.0, Duration.ofMillis(300));
        assertTrue(pacer.awaitTurn());
        assertFalse(pacer.awaitTurn(), "the next turn is 1 s away, beyond the 300 ms limit");
        assertEquals(1, pacer.retryAfterSeconds());
    }
}
