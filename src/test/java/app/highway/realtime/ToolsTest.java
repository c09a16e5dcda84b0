package app.highway.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The bridge's tools: arguments as the model sends them, outputs as before the move out of the call code. */
@Tag("unit")
class ToolsTest {

    @Test
    void readsTheHangUpAndItsOutput() {
        Tools.HangUp yes = assertInstanceOf(Tools.HangUp.class, Tools.read(Tools.HANG_UP, "{\"hangup\":true}"));
        assertTrue(yes.hangUp());
        assertEquals("{\"ok\":true,\"note\":\"the call ends once your last words have been played\"}", yes.output());
        Tools.HangUp no = assertInstanceOf(Tools.HangUp.class, Tools.read(Tools.HANG_UP, ""));
        assertFalse(no.hangUp(), "missing arguments: no hang-up");
        assertEquals("{\"ok\":true}", no.output());
        assertFalse(((Tools.HangUp) Tools.read(Tools.HANG_UP, "{broken")).hangUp());
    }

    @Test
    void readsTheReflectionAndJudgesItsStatus() {
        Tools.Reflection ok = assertInstanceOf(Tools.Reflection.class,
                Tools.read(Tools.REFLECTION, "{\"status\":\"successful_call\"}"));
        assertTrue(ok.known());
        assertEquals("{\"recorded\":true}", ok.output());
        Tools.Reflection odd = (Tools.Reflection) Tools.read(Tools.REFLECTION, "{\"status\":\"great\"}");
        assertFalse(odd.known());
        assertTrue(odd.output().startsWith("{\"recorded\":false,\"error\":\"status must be one of ["), odd.output());
        assertEquals("", ((Tools.Reflection) Tools.read(Tools.REFLECTION, "null")).status());
    }

    @Test
    void anyOtherNameIsUnknown() {
        Tools.Unknown unknown = assertInstanceOf(Tools.Unknown.class, Tools.read("launch_rockets", "{}"));
        assertEquals("{\"error\":\"unknown tool\"}", unknown.output());
    }
}
