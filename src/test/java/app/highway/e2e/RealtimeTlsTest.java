package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer;
import app.highway.support.FakeRealtimeServer.ModelPeer;
import app.highway.support.ServerEvents;
import app.highway.support.TestCertificates;
import app.highway.support.TlsProxy;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenAI is reached over {@code wss://}: the model socket verifies the server's certificate and
 * host name against the Java trust store, and a certificate it cannot trust ends the call with a
 * reason an operator can act on.
 */
@Tag("e2e")
class RealtimeTlsTest {
    private static final String[] TRUST_PROPERTIES = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
        "javax.net.ssl.trustStoreType"};
    private final Map<String, String> saved = new HashMap<>();

    @TempDir
    Path dir;

    @AfterEach
    void restoreTrustStore() {
        for (String p : TRUST_PROPERTIES) {
            if (saved.containsKey(p) && saved.get(p) != null) {
                System.setProperty(p, saved.get(p));
            } else {
                System.clearProperty(p);
            }
        }
    }

    @Test
    void aTrustedCertificateCarriesTheSessionAndAudioOverTls() throws Exception {
        TestCertificates certs = TestCertificates.create(dir);
        trust(certs);
        try (FakeRealtimeServer openai = new FakeRealtimeServer();
             TlsProxy tls = new TlsProxy(certs.serverContext(), openai.getPort());
             BridgeHarness h = BridgeHarness.withRealtimeAt(tls.wrap(openai.url()))) {
            Placed call = place(h);
            String callSid = call.callSid();
            ModelPeer model = openai.awaitPeer();
            assertTrue(model.authorization.startsWith("Bearer "), "the key travels inside TLS");
            JsonNode update = model.awaitMessage("session.update");
            assertEquals("realtime", update.path("session").path("type").asText());
            model.send(ServerEvents.sessionUpdated());
            assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "in-progress"));
            FakeCarrier.Stream stream = h.carrier.connect(call.twiml(), callSid);
            model.awaitMessage("response.create");
            model.awaitAppend(stream.sendMedia(20, ServerEvents.audio(160, 3)));
            byte[] speech = ServerEvents.audio(160, 4);
            model.send(ServerEvents.outputItemAdded("r1", "a1"));
            model.send(ServerEvents.audioDelta("r1", "a1", speech));
            assertEquals(Base64.getEncoder().encodeToString(speech),
                    stream.awaitEvent("media").path("media").path("payload").asText());
        }
    }

    @Test
    void anUntrustedCertificateEndsTheCallAndSaysWhy() throws Exception {
        TestCertificates certs = TestCertificates.create(dir); // the bridge is not told to trust it
        try (FakeRealtimeServer impostor = new FakeRealtimeServer();
             TlsProxy tls = new TlsProxy(certs.serverContext(), impostor.getPort());
             BridgeHarness h = BridgeHarness.withRealtimeAt(tls.wrap(impostor.url()))) {
            String callSid = place(h).callSid();
            assertEquals("canceled", h.twilio.awaitUpdate(Duration.ofSeconds(10)).param("Status"),
                    "the ringing call is cancelled: it cannot be spoken without the model");
            JsonNode record = h.awaitCall(callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(10));
            assertEquals("model_disconnected", record.path("endReason").asText());
            boolean explained = false;
            for (JsonNode t : record.path("timeline")) {
                explained |= "problem".equals(t.path("kind").asText())
                        && t.path("detail").asText().contains("secure connection to the OpenAI Realtime API");
            }
            assertTrue(explained, record.path("timeline").toString());
            assertEquals(0, impostor.connectionsSoFar(), "no session was opened with a server it cannot trust");
        }
    }

    private void trust(TestCertificates certs) {
        for (String p : TRUST_PROPERTIES) {
            saved.put(p, System.getProperty(p));
        }
        System.setProperty("javax.net.ssl.trustStore", certs.trustStore.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", TestCertificates.PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }

    private record Placed(String callSid, String twiml) { }

    private static Placed place(BridgeHarness h) throws Exception {
        var placed = h.postCall("{\"to\":\"+15559876543\",\"verification\":123}");
        assertEquals(201, placed.statusCode(), placed.body());
        String callSid = h.json(placed.body()).path("callSid").asText();
        String twiml = h.twilio.awaitCreatedCall().param("Twiml");
        assertEquals(204, h.carrier.status(h.statusCallbackUrl(), callSid, "ringing"));
        return new Placed(callSid, twiml);
    }
}
