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

    @Test
    void pastedAndNationalNumbersAreCleanedUp() {
        assertEquals("+15559876543", PhoneNumbers.clean(" +1 (555) 987-6543 "));
        assertEquals("+442079460958", PhoneNumbers.clean("0044 20 7946 0958"));
        assertEquals("+15559876543", PhoneNumbers.parse("+1 (555) 987-6543", null).orElseThrow().e164());
        assertTrue(PhoneNumbers.parse("5559876543", null).isEmpty(), "a national number needs a default country");
        assertEquals("+15559876543", PhoneNumbers.parse("(555) 987-6543", "US").orElseThrow().e164());
        assertEquals("+442079460958", PhoneNumbers.parse("020 7946 0958", "gb").orElseThrow().e164());
        assertTrue(PhoneNumbers.parse("555-1234", "US").isEmpty(), "a local-only number is not enough to dial");
    }

    @Test
    void aNumberMissingDigitsIsTooShort() {
        assertTrue(PhoneNumbers.tooShort("+1555", null));
        assertTrue(PhoneNumbers.tooShort("555", "US"));
        assertTrue(!PhoneNumbers.tooShort("+15559876543", null));
        assertTrue(!PhoneNumbers.tooShort("hello", null));
    }
}
