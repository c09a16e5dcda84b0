package app.highway.call;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Optional;

/** E.164 validation with libphonenumber: "+15559876543" is fine, "555-9876" is not. */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** A number in E.164 form and the country it belongs to. */
    public record Parsed(String e164, String regionCode, String countryName) { }

    private PhoneNumbers() {
    }

    /** Empty unless the text is a plausible number written in E.164 form (leading +, country code). */
    public static Optional<Parsed> parseE164(String text) {
        if (text == null || !text.trim().matches("\\+[1-9][0-9]{6,14}")) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(text.trim(), "ZZ");
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            String region = UTIL.getRegionCodeForNumber(number);
            if (region == null) {
                region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
            }
            if ("ZZ".equals(region)) {
                region = null;
            }
            String country = region == null ? "unknown country"
                    : new Locale("", region).getDisplayCountry(Locale.ENGLISH);
            return Optional.of(new Parsed(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164),
                    region, country));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * libphonenumber's type of the number ({@code MOBILE}, {@code PREMIUM_RATE}, ...); {@code UNKNOWN}
     * when the number is in no range its metadata knows, or is not E.164 at all.
     */
    public static PhoneNumberUtil.PhoneNumberType typeOf(String e164) {
        if (parseE164(e164).isEmpty()) {
            return PhoneNumberUtil.PhoneNumberType.UNKNOWN;
        }
        try {
            return UTIL.getNumberType(UTIL.parse(e164.trim(), "ZZ"));
        } catch (NumberParseException e) {
            return PhoneNumberUtil.PhoneNumberType.UNKNOWN;
        }
    }
}
