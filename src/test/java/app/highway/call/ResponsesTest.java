package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.highway.realtime.ModelConnection;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** When the bridge asks the model for a response: never over one under way, never while muted. */
@Tag("unit")
class ResponsesTest {
    private final List<String> sent = new ArrayList<>();
    private final ModelConnection model = (ModelConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ModelConnection.class}, (proxy, method, args) -> {
                sent.add(method.getName() + (args == null ? "" : " " + args[0]));
                return null;
            });
    private final Responses responses = new Responses();

    @Test
    void aRequestWaitsForTheResponseUnderWayAndASayKeepsItsWords() {
        responses.request(model, false, null);
        assertEquals(List.of("requestResponse"), sent);
        responses.started();
        responses.request(model, false, "say: hold on");
        responses.request(model, false, null); // a whisper's response after it: one response, with the words
        assertEquals(1, sent.size(), "asked over a response under way");
        responses.done();
        responses.flush(model, false, false);
        assertEquals(List.of("requestResponse", "requestResponse say: hold on"), sent);
        responses.flush(model, false, false);
        assertEquals(2, sent.size(), "sent twice");
    }

    @Test
    void nothingIsAskedForWhileMutedNotEvenAToolsFollowUp() {
        responses.started();
        responses.request(model, false, "say: hello");
        responses.done();
        responses.flush(model, true, true);
        responses.request(model, true, null);
        assertEquals(List.of(), sent);
        responses.flush(model, false, false);
        assertEquals(List.of(), sent, "what was asked before muting is forgotten");
        responses.flush(model, false, true);
        assertEquals(List.of("requestResponse"), sent, "a tool's follow-up once unmuted");
    }
}
