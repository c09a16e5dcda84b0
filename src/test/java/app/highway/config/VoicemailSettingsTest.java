package app.highway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallState;
import app.highway.campaign.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The voicemail settings as read from the environment, and what a machine's or a keypad's end comes to. */
@Tag("unit")
class VoicemailSettingsTest {

    @Test
    void singleCallsDetectNothingAndCampaignsLeaveTheMessageByDefault() {
        VoicemailSettings s = VoicemailSettings.from(Map.of());
        assertEquals(VoicemailPolicy.OFF, s.singleCall().policy());
        assertEquals(VoicemailPolicy.MESSAGE, s.campaign(null).policy());
        assertEquals(VoicemailPolicy.HANG_UP, s.campaign(VoicemailPolicy.HANG_UP).policy());
        assertEquals(VoicemailSettings.DEFAULT_MESSAGE, s.campaign(null).message());
        assertEquals(40, s.singleCall().verdictWait().toSeconds(), "Twilio's 30 s and a 10 s grace");
    }

    @Test
    void theSettingsAreReadAndBadOnesAreRefusedByName() {
        VoicemailSettings s = VoicemailSettings.from(Map.of("HIGHWAY_VOICEMAIL", "Hang-Up",
                "HIGHWAY_CAMPAIGN_VOICEMAIL", "off", "HIGHWAY_VOICEMAIL_MESSAGE", "  Please call us back.  ",
                "HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS", "12"));
        assertEquals(VoicemailPolicy.HANG_UP, s.singleCall().policy());
        assertEquals(VoicemailPolicy.OFF, s.campaign(null).policy());
        assertEquals("Please call us back.", s.singleCall().message());
        assertEquals(12, s.singleCall().timeoutSeconds());

        ConfigException bad = assertThrows(ConfigException.class,
                () -> VoicemailSettings.from(Map.of("HIGHWAY_VOICEMAIL", "sometimes")));
        assertTrue(bad.getMessage().contains("HIGHWAY_VOICEMAIL must be off, message or hang_up"), bad.getMessage());
        ConfigException code = assertThrows(ConfigException.class,
                () -> VoicemailSettings.from(Map.of("HIGHWAY_VOICEMAIL_MESSAGE", "Your code is {code}")));
        assertTrue(code.getMessage().contains("never left on an answering machine"), code.getMessage());
        assertThrows(ConfigException.class,
                () -> VoicemailSettings.from(Map.of("HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS", "90")));
        assertThrows(ConfigException.class,
                () -> VoicemailSettings.from(Map.of("HIGHWAY_VOICEMAIL_TIMEOUT_SECONDS", "soon")));
    }

    @Test
    void aMachineAFaxAndNotMeAreOutcomesOfTheirOwn() {
        assertEquals(Outcome.VOICEMAIL, Outcome.of(CallState.COMPLETED, "voicemail:machine_end_beep", true));
        assertEquals(Outcome.FAX, Outcome.of(CallState.COMPLETED, "fax", true));
        assertEquals(Outcome.NOT_ME, Outcome.of(CallState.COMPLETED, "not_me", true));
        assertEquals(Outcome.FAILED, Outcome.of(CallState.COMPLETED, "no_machine_verdict", true));
        assertEquals(Outcome.COMPLETED, Outcome.of(CallState.COMPLETED, "caller_hung_up", true));
        assertEquals(Outcome.NOT_ME, Outcome.fromWire("not-me").orElseThrow());
    }
}
