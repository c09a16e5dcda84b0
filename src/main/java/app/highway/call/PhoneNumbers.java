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
     * The number as pasted, cleaned: spaces, dashes, dots, slashes and parentheses dropped, a leading
     * 00 read as +. "+1 (555) 987-6543" becomes "+15559876543".
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = text.strip().replaceAll("[\\s\\-./()\u00a0]", "");
        return cleaned.startsWith("00") ? "+" + cleaned.substring(2) : cleaned;
    }

    /**
     * The number in E.164 form, if the text is one once cleaned up ({@link #clean}), or, with a
     * {@code defaultRegion} (two-letter code; null or blank for none), a national number of that
     * country such as 5559876543.
     */
    public static Optional<Parsed> parse(String text, String defaultRegion) {
        String cleaned = clean(text);
        if (cleaned.startsWith("+")) {
            return parseE164(cleaned);
        }
        if (defaultRegion == null || defaultRegion.isBlank() || !cleaned.matches("[0-9]{4,17}")) {
            return Optional.empty();
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(cleaned, defaultRegion.toUpperCase(Locale.ROOT));
            if (UTIL.isPossibleNumberWithReason(number) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
                return Optional.empty();
            }
            return parseE164(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether the text (cleaned up) has too few digits for a number of its country: "+1555". */
    public static boolean tooShort(String text, String defaultRegion) {
        String cleaned = clean(text);
        if (!cleaned.matches("\\+?[0-9]+")) {
            return false;
        }
        String region = cleaned.startsWith("+") ? "ZZ"
                : defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.toUpperCase(Locale.ROOT);
        if (region == null) {
            return false;
        }
        try {
            PhoneNumberUtil.ValidationResult reason = UTIL.isPossibleNumberWithReason(UTIL.parse(cleaned, region));
            return reason == PhoneNumberUtil.ValidationResult.TOO_SHORT;
        } catch (NumberParseException e) {
            return e.getErrorType() == NumberParseException.ErrorType.TOO_SHORT_NSN
                    || e.getErrorType() == NumberParseException.ErrorType.TOO_SHORT_AFTER_IDD;
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
