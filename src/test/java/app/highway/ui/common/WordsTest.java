package app.highway.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The console reads the answering-machine and keypad end reasons in words, the verdict kept as detail. */
@Tag("unit")
class WordsTest {

    @Test
    void voicemailFaxAndNotMeReadAsWords() {
        assertEquals("An answering machine answered: machine_end_beep", Words.endReason("voicemail:machine_end_beep"));
        assertEquals("A fax machine answered", Words.endReason("fax"));
        assertEquals("The callee said it was not them (keypad 9)", Words.endReason("not_me"));
        assertEquals("The callee said it was not them (keypad 9)", Words.timelineDetail("ending", "not_me"));
        assertEquals("caller pressed 1: hear the code again", Words.timelineDetail("keypad",
                "caller pressed 1: hear the code again"));
    }
}
