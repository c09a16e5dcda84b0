package app.highway.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.control.CallControls.OtherBridges.Held;
import app.highway.control.CallPowers;
import app.highway.control.Power;
import app.highway.control.PowerAnswer;
import app.highway.team.Actor;
import app.highway.team.Refusal;
import app.highway.team.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The powers' commands and answers as they travel between bridges: intact, and under PostgreSQL's 8000 bytes. */
@Tag("unit")
class FleetCommandsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final FleetCommands commands = new FleetCommands("bridge-b", null, id -> null, json, Duration.ofSeconds(5));
    private final Held call = new Held("c-1", "ann", "bridge-a");
    private final Actor sue = new Actor("sue", Role.SUPERVISOR);

    @Test
    void theLongestWhisperOfTheCostliestCharactersFitsOneNotification() throws Exception {
        // control characters are 6 bytes each in JSON (\u0001), the most any character of the text can cost
        String worst = "\u0001".repeat(CallPowers.MAX_WHISPER_CHARS);
        for (String text : List.of(worst, "é".repeat(CallPowers.MAX_WHISPER_CHARS),
                "😀".repeat(CallPowers.MAX_WHISPER_CHARS / 2))) {
            String payload = json.writeValueAsString(commands.powerCommand(call, sue, new Power.Whisper(text, true)));
            int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= FleetCommands.MAX_PAYLOAD_BYTES && bytes < 8000, bytes + " bytes");
            JsonNode read = json.readTree(payload);
            assertEquals(new Power.Whisper(text, true), FleetCommands.power(read), "the text arrives intact");
            assertEquals("sue", read.path("by").asText());
            assertEquals("bridge-a", read.path("to").asText());
        }
    }

    @Test
    void everyPowerAndEveryAnswerArrivesAsItWasSent() throws Exception {
        for (Power p : List.of(new Power.Say("Please hold."), new Power.Mute(), new Power.Unmute(),
                new Power.Transfer("+12025550123", true), new Power.Transfer(null, false))) {
            String payload = json.writeValueAsString(commands.powerCommand(call, sue, p));
            assertEquals(p, FleetCommands.power(json.readTree(payload)));
        }
        String longTwilio = "x".repeat(5_000);
        for (PowerAnswer a : List.of(new PowerAnswer.Done("c-1", true, "assistant muted"),
                new PowerAnswer.Done("c-1", false, null),
                new PowerAnswer.Refused(Refusal.Kind.CONFLICT, "muted", "The assistant is muted on call c-1: unmute it first"),
                new PowerAnswer.TwilioRefused(21220, 400, "Call is not in-progress", null))) {
            assertEquals(a, roundTrip(a));
        }
        PowerAnswer shortened = roundTrip(new PowerAnswer.TwilioRefused(0, 0, longTwilio, longTwilio));
        String payload = json.writeValueAsString(FleetCommands.ack(new PowerAnswer.TwilioRefused(0, 0, longTwilio,
                longTwilio)));
        assertTrue(payload.getBytes(StandardCharsets.UTF_8).length < FleetCommands.MAX_PAYLOAD_BYTES,
                "a long message is shortened to fit");
        assertTrue(((PowerAnswer.TwilioRefused) shortened).message().startsWith("xxx"));
    }

    private PowerAnswer roundTrip(PowerAnswer a) throws Exception {
        Map<String, Object> ack = FleetCommands.ack(a);
        return FleetCommands.answer(json.readTree(json.writeValueAsString(ack)));
    }
}
