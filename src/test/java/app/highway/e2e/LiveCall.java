package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.FakeTwilioRest;
import app.highway.support.ServerEvents;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** A call driven to the point where the callee answered and the assistant was asked to speak first. */
final class LiveCall {
    final String callSid;
    final String id;
    final FakeTwilioRest.Received created;
    final ModelPeer model;
    final JsonNode sessionUpdate;
    final FakeCarrier.Stream stream;
    final JsonNode verificationItem;

    private LiveCall(String callSid, String id, FakeTwilioRest.Received created, ModelPeer model,
            JsonNode sessionUpdate, FakeCarrier.Stream stream, JsonNode verificationItem) {
        this.callSid = callSid;
        this.id = id;
        this.created = created;
        this.model = model;
        this.sessionUpdate = sessionUpdate;
        this.stream = stream;
        this.verificationItem = verificationItem;
    }

    /** Places a call through the API, rings, opens the model session, answers, and waits for the greeting request. */
    static LiveCall answered(BridgeHarness h, String code) throws Exception {
        return answered(h, code, BridgeHarness.API_TOKEN);
    }

    /** The same, placed as whoever holds {@code token}. */
    static LiveCall answered(BridgeHarness h, String code, String token) throws Exception {
        HttpResponse<String> placed = h.post("/call-customer", "application/json",
                "{\"to\":\"+15559876543\",\"verification\":" + code + "}", token);
        assertEquals(201, placed.statusCode(), placed.body());
        JsonNode answer = h.json(placed.body());
        return answer(h, answer.path("id").asText(), answer.path("callSid").asText());
    }

    /** The same, placed from {@code console} (the embedded console: as the bridge's owner). */
    static LiveCall answered(BridgeHarness h, String code, app.highway.ConsoleServices console) throws Exception {
        app.highway.call.CallSnapshot placed = console.calls().place("+15559876543", code, null);
        return answer(h, placed.id(), placed.callSid());
    }

    private static LiveCall answer(BridgeHarness h, String id, String callSid) throws Exception {
        FakeTwilioRest.Received created = h.twilio.awaitCreatedCall();
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "ringing"));
        ModelPeer model = h.realtime.awaitPeer();
        JsonNode sessionUpdate = model.awaitMessage("session.update");
        model.send(ServerEvents.sessionUpdated());
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress"));
        FakeCarrier.Stream stream = h.carrier.connect(created.param("Twiml"), callSid);
        JsonNode item = model.awaitMessage("conversation.item.create");
        model.awaitMessage("response.create");
        return new LiveCall(callSid, id, created, model, sessionUpdate, stream, item);
    }
}
