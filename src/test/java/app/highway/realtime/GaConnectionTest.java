package app.highway.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.highway.config.Json;
import app.highway.config.Secret;
import app.highway.support.ServerEvents;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The GA dialect's server events as typed listener calls, without a socket: the messages go
 * straight into the connection as the socket would hand them over.
 */
@Tag("unit")
class GaConnectionTest {
    private final List<String> heard = new ArrayList<>();
    private final List<RealtimeError> errors = new ArrayList<>();
    private Usage usage;
    private final List<TranscriptionUsage> transcriptionUsages = new ArrayList<>();
    private boolean failListener;
    private final GaConnection connection = new GaConnection(Json.mapper(), new Recorder(), "test");
    private final RealtimeSocket socket = new RealtimeSocket(null, URI.create("ws://localhost/"), Secret.of("k"),
            connection, "test", "test endpoint");

    GaConnectionTest() {
        connection.attach(socket); // never connected: commands are dropped, events come from the test
    }

    private void receive(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[bytes.length + 7]; // the socket's buffer is larger than the message
        System.arraycopy(bytes, 0, padded, 0, bytes.length);
        connection.onMessage(padded, bytes.length);
    }

    @Test
    void everyErrorReachesTheListenerWithTheDialectsJudgement() {
        receive(ServerEvents.error("invalid_api_key", "bad key", null));
        receive(ServerEvents.error("invalid_value", "no such voice", SessionUpdate.EVENT_ID));
        receive(ServerEvents.error("session_expired", "60 minutes", null));
        receive(ServerEvents.error("", "something odd", "evt_9"));
        receive("{\"type\":\"error\"}");
        assertEquals(List.of(RealtimeError.Kind.KEY_REJECTED, RealtimeError.Kind.SETUP_REJECTED,
                RealtimeError.Kind.SESSION_EXPIRED, RealtimeError.Kind.OTHER, RealtimeError.Kind.OTHER),
                errors.stream().map(RealtimeError::kind).toList());
        assertEquals("OpenAI Realtime error invalid_value: no such voice", errors.get(1).text());
        assertEquals("OpenAI Realtime error: something odd", errors.get(3).text());
        assertEquals("evt_9", errors.get(3).eventId());
        assertEquals("OpenAI Realtime error: no message", errors.get(4).text());
    }

    @Test
    void audioDeltasArriveOnTheFastPathAndTheFullOne() {
        String audio = Base64.getEncoder().encodeToString(ServerEvents.audio(160, 1));
        receive(ServerEvents.audioDelta("r1", "a1", ServerEvents.audio(160, 1)));
        receive("{\"event_id\":\"e\",\"type\":\"response.output_audio.delta\",\"item_id\":\"a2\",\"delta\":\"" + audio
                + "\"}");
        receive("{\"type\":\"response.output_audio.done\",\"item_id\":\"a2\"}");
        assertEquals(List.of("audio a1 " + audio, "audio a2 " + audio, "audioDone a2"), heard);
    }

    @Test
    void conversationEventsBecomeTypedCalls() {
        receive(ServerEvents.sessionUpdated());
        receive(ServerEvents.speechStarted("c1", 100));
        receive(ServerEvents.speechStopped("c1", 900));
        receive(ServerEvents.inputTranscript("c1", "hello"));
        receive(ServerEvents.outputItemAdded("r1", "a1"));
        receive(ServerEvents.transcriptDelta("r1", "a1", "Hi"));
        receive(ServerEvents.transcriptDone("r1", "a1", "Hi there"));
        receive(ServerEvents.functionCall("r1", Tools.HANG_UP, "call_1", "{\"hangup\":true}"));
        receive("{\"type\":\"conversation.item.input_audio_transcription.failed\",\"item_id\":\"c2\","
                + "\"error\":{\"message\":\"too noisy\"}}");
        receive("{\"type\":\"rate_limits.updated\"}");
        receive("not json");
        receive("{\"no\":\"type\"}");
        assertEquals(List.of("ready", "speechStarted c1", "speechStopped", "callerDone c1 hello", "assistant a1",
                "assistantDelta a1 Hi", "assistantDone a1 Hi there",
                "tool hang_up_call call_1 {\"hangup\":true}", "transcriptionFailed too noisy"), heard);
    }

    @Test
    void responseDoneCarriesUsageAndTheFailureCode() {
        receive(ServerEvents.responseDone("r1", 10, 20, 5, 3, 40));
        assertEquals(30, usage.inputTokens());
        assertEquals(40, usage.outputAudioTokens());
        receive("{\"type\":\"response.done\",\"response\":{\"status\":\"failed\",\"status_details\":{\"error\":"
                + "{\"type\":\"server_error\"}}}}");
        receive("{\"type\":\"response.done\",\"response\":{\"status\":\"cancelled\"}}");
        assertNull(usage, "no usage reported");
        assertEquals(List.of("done completed null", "done failed server_error", "done cancelled null"), heard);
    }

    @Test
    void callerTranscriptsCarryTheTranscriptionUsageOfEitherKind() {
        receive(ServerEvents.inputTranscript("c1", "hello", 4, 120, 9));
        receive(ServerEvents.inputTranscript("c2", "yes", 2.5));
        receive(ServerEvents.inputTranscript("c3", "no usage"));
        assertEquals(List.of("callerDone c1 hello", "callerDone c2 yes", "callerDone c3 no usage"), heard);
        assertEquals(new TranscriptionUsage(124, 4, 120, 9, 133, 0), transcriptionUsages.get(0));
        assertEquals(TranscriptionUsage.duration(2.5), transcriptionUsages.get(1));
        assertNull(transcriptionUsages.get(2), "no usage reported");
    }

    @Test
    void transcriptionUsageIsReadTolerantly() {
        String prefix = "{\"type\":\"conversation.item.input_audio_transcription.completed\",\"item_id\":\"c\","
                + "\"transcript\":\"t\",\"usage\":";
        receive(prefix + "{\"type\":\"tokens\",\"input_tokens\":50,\"output_tokens\":7}}"); // no split
        receive(prefix + "{\"input_tokens\":10,\"input_token_details\":{\"audio_tokens\":10}}}"); // no type
        receive(prefix + "{\"seconds\":3}}"); // no type, seconds only
        receive(prefix + "{\"type\":\"duration\",\"seconds\":\"lots\"}}");
        receive(prefix + "{\"type\":\"tokens\",\"input_tokens\":-5,\"output_tokens\":\"x\"}}");
        receive(prefix + "null}");
        receive(prefix + "{\"type\":\"something_new\",\"input_tokens\":8}}");
        assertEquals(new TranscriptionUsage(50, 0, 50, 7, 57, 0), transcriptionUsages.get(0));
        assertEquals(new TranscriptionUsage(10, 0, 10, 0, 10, 0), transcriptionUsages.get(1));
        assertEquals(TranscriptionUsage.duration(3), transcriptionUsages.get(2));
        assertEquals(TranscriptionUsage.ZERO, transcriptionUsages.get(3));
        assertEquals(TranscriptionUsage.ZERO, transcriptionUsages.get(4));
        assertNull(transcriptionUsages.get(5));
        assertEquals(new TranscriptionUsage(8, 0, 8, 0, 8, 0), transcriptionUsages.get(6));
        assertEquals(7, heard.size(), "every transcript reached the listener: " + heard);
    }

    @Test
    void aListenerThatThrowsIsReportedNotSwallowed() {
        failListener = true;
        receive(ServerEvents.outputItemAdded("r1", "a1"));
        assertEquals(List.of("failed response.output_item.added IllegalStateException"), heard);
    }

    private final class Recorder implements ModelListener {
        @Override
        public void onConnected() {
            heard.add("connected");
        }

        @Override
        public void onSessionReady() {
            heard.add("ready");
        }

        @Override
        public void onError(RealtimeError error) {
            errors.add(error);
        }

        @Override
        public void onCallerSpeechStarted(String itemId) {
            heard.add("speechStarted " + itemId);
        }

        @Override
        public void onCallerSpeechStopped() {
            heard.add("speechStopped");
        }

        @Override
        public void onCallerTranscriptDelta(String itemId, String text) {
            heard.add("callerDelta " + itemId + " " + text);
        }

        @Override
        public void onCallerTranscriptCompleted(String itemId, String transcript, TranscriptionUsage u) {
            transcriptionUsages.add(u);
            heard.add("callerDone " + itemId + " " + transcript);
        }

        @Override
        public void onTranscriptionFailed(String message) {
            heard.add("transcriptionFailed " + message);
        }

        @Override
        public void onAssistantItemStarted(String itemId) {
            if (failListener) {
                throw new IllegalStateException("bug");
            }
            heard.add("assistant " + itemId);
        }

        @Override
        public void onAudioDelta(String itemId, app.highway.audio.Base64Audio audio) {
            heard.add("audio " + itemId + " " + audio); // the text, made here: the view is valid only now
        }

        @Override
        public void onAudioDone(String itemId) {
            heard.add("audioDone " + itemId);
        }

        @Override
        public void onAssistantTranscriptDelta(String itemId, String text) {
            heard.add("assistantDelta " + itemId + " " + text);
        }

        @Override
        public void onAssistantTranscriptDone(String itemId, String transcript) {
            heard.add("assistantDone " + itemId + " " + transcript);
        }

        @Override
        public void onToolCall(String name, String callId, String argumentsJson) {
            heard.add("tool " + name + " " + callId + " " + argumentsJson);
        }

        @Override
        public void onResponseDone(Usage u, String status, String failureCode) {
            usage = u;
            heard.add("done " + status + " " + failureCode);
        }

        @Override
        public void onEventFailed(String event, RuntimeException error) {
            heard.add("failed " + event + " " + error.getClass().getSimpleName());
        }

        @Override
        public void onClosed(int code, String reason, RealtimeFailure failure) {
            heard.add("closed " + code);
        }
    }
}
