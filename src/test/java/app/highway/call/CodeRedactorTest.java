package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a supervisor watching a transcript sees of the code: nothing, even while the line is still growing. */
@Tag("unit")
class CodeRedactorTest {
    private final CodeRedactor redactor = CodeRedactor.forCode("482135");

    @Test
    void theWholeCodeIsHiddenWrittenAsDigitsOrWords() {
        assertEquals("Your code is [code]. Shall I repeat it?",
                redactor.redact("Your code is 4, 8, 2, 1, 3, 5. Shall I repeat it?"));
        assertEquals("it was [code] right", redactor.redact("it was four eight two one three five right"));
        assertEquals("Your code is [code].", redactor.redact("Your code is 482135."));
    }

    @Test
    void aLineStillBeingSpokenShowsNoneOfItsFirstDigits() {
        assertEquals("Your code is [code]", redactor.redact("Your code is 4,"));
        assertEquals("Your code is [code]", redactor.redact("Your code is 4, 8, 2"));
        assertEquals("Your code is [code]", redactor.redact("Your code is 4821"));
    }

    @Test
    void otherNumbersAndWordsStay() {
        assertEquals("Call 555 0100 if needed", redactor.redact("Call 555 0100 if needed"));
        assertEquals("Is there anything else I can do, one more thing", redactor.redact(
                "Is there anything else I can do, one more thing"));
        assertEquals("I can help with that one", redactor.redact("I can help with that one"));
        assertEquals("Your code is 48 then", redactor.redact("Your code is 48 then"), "not at the end: not the code");
        assertEquals("Room 24", redactor.redact("Room 24"), "a number that only ends in the first digit");
    }
}
