package app.highway.call;

import app.highway.config.AppConfig;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which numbers the bridge may call: the country allowlist ({@code HIGHWAY_ALLOWED_COUNTRIES}) and
 * the number type. A verification call goes to a person's own line, so by default only
 * {@code MOBILE}, {@code FIXED_LINE}, {@code FIXED_LINE_OR_MOBILE} and {@code VOIP} numbers are
 * called. Premium-rate, shared-cost, UAN, voicemail-access, pager and personal ("follow-me") numbers
 * can be billed to the caller at a premium (toll fraud), toll-free numbers are business lines that a
 * verification never needs (and some are surcharged from abroad), and {@code UNKNOWN} numbers are in no
 * range libphonenumber knows (not in service, or newer than its data). {@code HIGHWAY_ALLOWED_NUMBER_TYPES}
 * adds types to the default ones.
 */
public final class NumberPolicy {
    /** The types a verification call may go to without any setting. */
    public static final Set<String> DEFAULT_TYPES = Set.of(PhoneNumberType.MOBILE.name(),
            PhoneNumberType.FIXED_LINE.name(), PhoneNumberType.FIXED_LINE_OR_MOBILE.name(), PhoneNumberType.VOIP.name());

    private static final Map<PhoneNumberType, String> WORDS = Map.of(
            PhoneNumberType.PREMIUM_RATE, "a premium-rate number",
            PhoneNumberType.SHARED_COST, "a shared-cost number",
            PhoneNumberType.UAN, "a universal access number (UAN)",
            PhoneNumberType.VOICEMAIL, "a voicemail access number",
            PhoneNumberType.PAGER, "a pager number",
            PhoneNumberType.PERSONAL_NUMBER, "a personal (follow-me) number",
            PhoneNumberType.TOLL_FREE, "a toll-free number");

    /** Why a number is refused: a stable word for the API ({@code country_not_allowed}, ...) and a message for people. */
    public record Refusal(String error, String message) { }

    private final Set<String> allowedCountries;
    private final Set<String> allowedTypes;

    /** {@code extraTypes} are libphonenumber type names allowed on top of {@link #DEFAULT_TYPES}. */
    public NumberPolicy(Set<String> allowedCountries, Set<String> extraTypes) {
        this.allowedCountries = Set.copyOf(allowedCountries);
        Set<String> types = new TreeSet<>(DEFAULT_TYPES);
        types.addAll(extraTypes);
        this.allowedTypes = Set.copyOf(types);
    }

    public static NumberPolicy from(AppConfig config) {
        return new NumberPolicy(config.allowedCountries(), config.allowedNumberTypes());
    }

    /** Any country, the default types. */
    public static NumberPolicy defaults() {
        return new NumberPolicy(Set.of(), Set.of());
    }

    /** Empty when the bridge may call this E.164 number; otherwise why not. */
    public Optional<Refusal> check(String e164) {
        Optional<PhoneNumbers.Parsed> parsed = PhoneNumbers.parseE164(e164);
        if (parsed.isEmpty()) {
            return Optional.of(new Refusal("invalid_phone_number", "Not a phone number in E.164 form (a + followed "
                    + "by the country code and number, like +12025550123)"));
        }
        if (!allowedCountries.isEmpty()) {
            String region = parsed.get().regionCode();
            if (region == null || !allowedCountries.contains(region)) {
                return Optional.of(new Refusal("country_not_allowed", "Calls to "
                        + (region == null ? "this number" : region + " numbers") + " are not allowed here "
                        + "(HIGHWAY_ALLOWED_COUNTRIES=" + String.join(",", new TreeSet<>(allowedCountries)) + ")"));
            }
        }
        PhoneNumberType type = PhoneNumbers.typeOf(parsed.get().e164());
        if (allowedTypes.contains(type.name())) {
            return Optional.empty();
        }
        String what = type == PhoneNumberType.UNKNOWN
                ? "This number is in no range known to be in service (it may not exist, or be newer than the "
                        + "bridge's number data), so it is not called"
                : "This is " + WORDS.getOrDefault(type, "a " + type.name() + " number") + ": verification calls "
                        + "go only to mobile, fixed-line and VoIP numbers";
        return Optional.of(new Refusal("number_type_not_allowed", what + ". To allow it anyway, set "
                + "HIGHWAY_ALLOWED_NUMBER_TYPES=" + type.name()));
    }

    /** The refusal's message for people, if the number is refused. */
    public Optional<String> refusal(String e164) {
        return check(e164).map(Refusal::message);
    }
}
