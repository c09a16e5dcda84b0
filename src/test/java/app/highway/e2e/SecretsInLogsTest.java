package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeTwilioRest;
import app.highway.support.ServerEvents;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A whole call, failures included, logs no secret: not the keys, not the API token, not the code. */
@Tag("e2e")
class SecretsInLogsTest {

    @Test
    void aFullCallLogsNoSecret() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        String code = "7349018";
        try (BridgeHarness h = BridgeHarness.start()) {
            LiveCall call = LiveCall.answered(h, code);
            call.model.send(ServerEvents.outputItemAdded("r1", "a1"));
            call.model.send(ServerEvents.audioDelta("r1", "a1", ServerEvents.audio(160, 1)));
            call.model.send(ServerEvents.transcriptDone("r1", "a1", "Your code is 7 3 4 9 0 1 8."));
            call.model.send(ServerEvents.error("server_error", "Something broke at 7349018", null));
            call.model.send(ServerEvents.responseDone("r1", 10, 0, 0, 1, 5));
            h.post("/call-customer", "application/json", "{\"to\":\"+15559876543\",\"verification\":123}", "wrong-token");
            h.twilio.refuseNextCreate(401, 20003, "Authenticate");
            h.postCall("{\"to\":\"+15559876543\",\"verification\":\"" + code + "\"}");
            call.stream.sendStop();
            h.awaitCall(call.callSid, c -> c.path("endedAt").isTextual(), Duration.ofSeconds(5));
        } finally {
            root.detachAppender(captured);
            root.setLevel(level);
        }
        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.toList());
        String all = String.join("\n", lines);
        assertTrue(lines.size() > 10, "the call was logged");
        for (String secret : List.of(BridgeHarness.OPENAI_KEY, FakeTwilioRest.AUTH_TOKEN, BridgeHarness.API_TOKEN,
                code, "7 3 4 9 0 1 8")) {
            assertFalse(all.contains(secret), "a secret reached the log: " + secret.substring(0, 3) + "…");
        }
    }
}
