package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.FakeTwilioRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The assistant speaks first, without delay: the session is configured while the phone rings, and
 * the greeting goes out as soon as the caller is on the line. The Realtime API applies client events
 * in order, so the bridge does not wait for {@code session.updated} (which can take a while).
 */
@Tag("e2e")
class FirstWordsTest {

    @Test
    void theGreetingFollowsTheSessionUpdateAtOnceWhenTheCallerAnswers() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            HttpResponse<String> placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":4711}");
            assertEquals(201, placed.statusCode(), placed.body());
            String callSid = h.json(placed.body()).path("callSid").asText();
            FakeTwilioRest.Received created = h.twilio.awaitCreatedCall();
            ModelPeer model = h.realtime.awaitPeer();
            model.awaitMessage("session.update"); // configured while it rings; no session.updated is ever sent

            long answered = System.nanoTime();
            FakeCarrier.Stream stream = h.carrier.connect(created.param("Twiml"), callSid);
            JsonNode greeting = model.awaitMessage("conversation.item.create");
            model.awaitMessage("response.create");
            long millis = (System.nanoTime() - answered) / 1_000_000;

            String text = greeting.path("item").path("content").get(0).path("text").asText();
            assertTrue(text.startsWith("SYSTEM:(") && text.contains("4 7 1 1"), text);
            assertTrue(millis < 1000, "the greeting took " + millis + " ms after the stream connected");
            stream.sendStop();
        }
    }

    @Test
    void aCallerOnTheLineBeforeTheModelSocketOpensIsGreetedOnceItDoes() throws Exception {
        try (BridgeHarness h = BridgeHarness.start()) {
            HttpResponse<String> placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":4711}");
            String callSid = h.json(placed.body()).path("callSid").asText();
            FakeTwilioRest.Received created = h.twilio.awaitCreatedCall();
            ModelPeer model = h.realtime.awaitPeer();
            FakeCarrier.Stream stream = h.carrier.connect(created.param("Twiml"), callSid);
            model.awaitMessage("session.update");
            model.awaitMessage("conversation.item.create");
            model.awaitMessage("response.create");
            stream.sendStop();
            JsonNode record = h.awaitCall(callSid, c -> c.path("endedAt").isTextual(), java.time.Duration.ofSeconds(5));
            long greetings = 0;
            for (JsonNode e : record.path("timeline")) {
                if (e.path("detail").asText().startsWith("verification message sent")) {
                    greetings++;
                }
            }
            assertEquals(1, greetings, "greeted exactly once: " + record);
        }
    }
}
