package app.highway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A headless bridge in a JVM of its own (for tests that kill it), started from the test's class path. */
public final class BridgeProcess {
    /**
     * A call placed on a bridge (in process or not) and brought to a live conversation with one transcript line;
     * {@code stream}: the carrier's media stream of it.
     */
    public record LiveCall(String id, String callSid, FakeCarrier carrier, FakeRealtimeServer.ModelPeer model,
            FakeCarrier.Stream stream) { }

    private BridgeProcess() {
    }

    /** Starts {@code Launcher --headless} with {@code env}, in {@code workDir}, logging to {@code bridge.log} there. */
    public static Process start(Map<String, String> env, Path workDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "app.highway.Launcher", "--headless");
        pb.environment().putAll(env);
        pb.directory(workDir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(workDir.resolve("bridge.log").toFile());
        return pb.start();
    }

    /** Waits up to 30 s for {@code base}/health to answer 200. */
    public static void awaitHealthy(HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bridge process did not start");
    }

    /**
     * Places a call as {@code token} on the bridge at {@code base} and plays it as Twilio and the model
     * would up to the assistant's first line ("Hello, your code is 4 8 2 1.", code 4821), with usage.
     */
    public static LiveCall placeLiveCall(HttpClient http, FakeTwilioRest twilio, FakeRealtimeServer realtime,
            String base, String token) throws Exception {
        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(base + "/call-customer"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+15559876543\",\"verification\":4821}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (placed.statusCode() != 201) {
            throw new AssertionError("placing the call: " + placed.statusCode() + " " + placed.body());
        }
        JsonNode answer = new ObjectMapper().readTree(placed.body());
        String callSid = answer.path("callSid").asText();
        FakeCarrier carrier = new FakeCarrier(FakeTwilioRest.AUTH_TOKEN);
        String statusUrl = base + "/twilio/status";
        carrier.status(statusUrl, callSid, "ringing");
        FakeRealtimeServer.ModelPeer model = realtime.awaitPeer();
        model.awaitMessage("session.update");
        model.send(ServerEvents.sessionUpdated());
        carrier.status(statusUrl, callSid, "in-progress");
        FakeCarrier.Stream stream = carrier.connect(twilio.awaitCreatedCall().param("Twiml"), callSid);
        model.awaitMessage("response.create");
        model.send(ServerEvents.outputItemAdded("r1", "a1"));
        model.send(ServerEvents.transcriptDone("r1", "a1", "Hello, your code is 4 8 2 1."));
        model.send(ServerEvents.responseDone("r1", 120, 0, 0, 10, 30));
        return new LiveCall(answer.path("id").asText(), callSid, carrier, model, stream);
    }
}
