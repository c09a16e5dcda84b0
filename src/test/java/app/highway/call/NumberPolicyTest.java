package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.AppConfig;
import app.highway.config.ConfigException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class NumberPolicyTest {
    @Test
    void onlyMobileFixedLineAndVoipNumbersByDefault() {
        NumberPolicy p = NumberPolicy.defaults();
        assertTrue(p.check("+12025550123").isEmpty()); // FIXED_LINE_OR_MOBILE
        assertTrue(p.check("+447911123456").isEmpty()); // MOBILE
        assertTrue(p.check("+442071838750").isEmpty()); // FIXED_LINE
        assertTrue(p.check("+445612345678").isEmpty()); // VOIP (UK 056)
        for (String risky : new String[] {"+19005551234", "+4909001234567", "+33891234567", "+448431234567",
                "+447000123456", "+18005550123", "+15559876543"}) {
            assertEquals("number_type_not_allowed", p.check(risky).orElseThrow().error(), risky);
        }
        assertTrue(p.refusal("+19005551234").orElseThrow().contains("premium-rate"));
    }

    @Test
    void theSettingAddsTypesAndTheCountryAllowlistStillHolds() {
        NumberPolicy p = NumberPolicy.from(AppConfig.from(Map.of("HIGHWAY_ALLOWED_NUMBER_TYPES", "TOLL_FREE, unknown",
                "HIGHWAY_ALLOWED_COUNTRIES", "US")));
        assertTrue(p.check("+18005550123").isEmpty());
        assertTrue(p.check("+15559876543").isEmpty());
        assertEquals("number_type_not_allowed", p.check("+19005551234").orElseThrow().error());
        assertEquals("country_not_allowed", p.check("+447911123456").orElseThrow().error());
        assertEquals(Set.of(), AppConfig.from(Map.of()).allowedNumberTypes());
    }

    @Test
    void anUnknownTypeNameIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfig.from(Map.of("HIGHWAY_ALLOWED_NUMBER_TYPES", "MOBILE,PREMIUM")));
        assertTrue(e.getMessage().contains("PREMIUM_RATE"), e.getMessage());
    }
}
