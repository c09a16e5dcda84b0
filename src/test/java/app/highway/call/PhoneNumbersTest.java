package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PhoneNumbersTest {
    @Test
    void acceptsE164AndNamesTheCountry() {
        var uk = PhoneNumbers.parseE164("+442079460958").orElseThrow();
        assertEquals("GB", uk.regionCode());
        assertEquals("United Kingdom", uk.countryName());
        assertEquals("US", PhoneNumbers.parseE164("+15559876543").orElseThrow().regionCode());
    }

    @Test
    void refusesWhatIsNotE164() {
        for (String bad : new String[] {null, "", "5559876543", "+1 555 987 6543", "+0123456", "+1555", "++15559876543",
                "+15559876543999999"}) {
            assertTrue(PhoneNumbers.parseE164(bad).isEmpty(), String.valueOf(bad));
        }
    }
}
