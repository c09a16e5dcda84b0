package app.highway.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The configuration contract of DEVELOPERS.md, read once at start from the environment and
 * {@code .env}. Immutable; secrets are {@link Secret}s so that printing this record is safe.
 * {@code liveUrl} is GPT-Live's endpoint ({@code OPENAI_LIVE_URL}), or null for the one beside
 * {@code realtimeUrl} (its host, path {@code /v1/live/sessions}: {@code wss://api.openai.com/v1/live/sessions}).
 */
public record AppConfig(
        Secret openAiApiKey,
        URI realtimeUrl,
        String realtimeModel,
        String twilioAccountSid,
        Secret twilioAuthToken,
        String twilioPhoneNumber,
        URI twilioApiBaseUrl,
        URI publicBaseUrl,
        int port,
        double callsPerSecond,
        Secret apiToken,
        Path dataDir,
        int retentionDays,
        java.util.Set<String> allowedCountries,
        java.util.Set<String> allowedNumberTypes,
        String defaultCountry,
        DatabaseSettings database,
        FleetSettings fleet,
        CampaignSettings campaigns,
        VoicemailSettings voicemail,
        URI liveUrl) {

    public static final String DEFAULT_REALTIME_URL = "wss://api.openai.com/v1/realtime";
    public static final String DEFAULT_MODEL = "gpt-realtime";
    public static final String DEFAULT_TWILIO_API = "https://api.twilio.com";
    public static final int DEFAULT_PORT = 3000;

    /** Builds the config from a flat key/value view (environment merged with {@code .env}). */
    public static AppConfig from(Map<String, String> env) {
        int port = intValue(env, "PORT", DEFAULT_PORT);
        String publicBase = value(env, "PUBLIC_BASE_URL", "http://localhost:" + port);
        return new AppConfig(
                Secret.of(env.get("OPENAI_API_KEY")),
                uri(env, "OPENAI_REALTIME_URL", DEFAULT_REALTIME_URL),
                value(env, "REALTIME_MODEL", DEFAULT_MODEL),
                value(env, "TWILIO_ACCOUNT_SID", ""),
                Secret.of(env.get("TWILIO_AUTH_TOKEN")),
                value(env, "TWILIO_PHONE_NUMBER", ""),
                uri(env, "TWILIO_API_BASE_URL", DEFAULT_TWILIO_API),
                URI.create(stripTrailingSlash(publicBase)),
                port,
                doubleValue(env, "TWILIO_CALLS_PER_SECOND", 1.0),
                Secret.of(env.get("HIGHWAY_API_TOKEN")),
                AppDirectories.of(env).dataDir(),
                intValue(env, "HIGHWAY_RETENTION_DAYS", 0),
                countries(env.get("HIGHWAY_ALLOWED_COUNTRIES")),
                numberTypes(env.get("HIGHWAY_ALLOWED_NUMBER_TYPES")),
                defaultCountry(env.get("HIGHWAY_DEFAULT_COUNTRY")),
                DatabaseSettings.from(env),
                FleetSettings.from(env),
                CampaignSettings.from(env),
                VoicemailSettings.from(env),
                env.get("OPENAI_LIVE_URL") == null || env.get("OPENAI_LIVE_URL").isBlank() ? null
                        : uri(env, "OPENAI_LIVE_URL", "")); // unset: GPT-Live beside OPENAI_REALTIME_URL
    }

    /** The settings a live call needs and that are not set; empty means live calls are possible. */
    public List<String> missingForLiveCalls() {
        List<String> missing = new ArrayList<>();
        if (!openAiApiKey.isPresent()) {
            missing.add("OPENAI_API_KEY");
        }
        if (twilioAccountSid.isBlank()) {
            missing.add("TWILIO_ACCOUNT_SID");
        }
        if (!twilioAuthToken.isPresent()) {
            missing.add("TWILIO_AUTH_TOKEN");
        }
        if (twilioPhoneNumber.isBlank()) {
            missing.add("TWILIO_PHONE_NUMBER");
        }
        return missing;
    }

    /** The URL Twilio's media WebSocket connects to, exactly as written into the TwiML. */
    public String mediaStreamUrl() {
        String base = publicBaseUrl.toString();
        String wsBase = base.toLowerCase(Locale.ROOT).startsWith("https://")
                ? "wss://" + base.substring("https://".length())
                : "ws://" + base.substring(base.indexOf("://") + 3);
        return wsBase + "/media-stream";
    }

    /** The URL Twilio posts call status events to, exactly as given to Twilio. */
    public String statusCallbackUrl() {
        return publicBaseUrl + "/twilio/status";
    }

    /** The URL Twilio posts its answering-machine verdict to ({@code AsyncAmdStatusCallback}), exactly as given. */
    public String amdCallbackUrl() {
        return publicBaseUrl + "/twilio/amd";
    }

    public AppConfig withPort(int newPort) {
        return new AppConfig(openAiApiKey, realtimeUrl, realtimeModel, twilioAccountSid, twilioAuthToken,
                twilioPhoneNumber, twilioApiBaseUrl, publicBaseUrl, newPort, callsPerSecond, apiToken, dataDir, retentionDays, allowedCountries, allowedNumberTypes, defaultCountry, database, fleet, campaigns, voicemail, liveUrl);
    }

    public AppConfig withPublicBaseUrl(URI base) {
        return new AppConfig(openAiApiKey, realtimeUrl, realtimeModel, twilioAccountSid, twilioAuthToken,
                twilioPhoneNumber, twilioApiBaseUrl, base, port, callsPerSecond, apiToken, dataDir, retentionDays, allowedCountries, allowedNumberTypes, defaultCountry, database, fleet, campaigns, voicemail, liveUrl);
    }

    public AppConfig withApiToken(Secret token) {
        return new AppConfig(openAiApiKey, realtimeUrl, realtimeModel, twilioAccountSid, twilioAuthToken,
                twilioPhoneNumber, twilioApiBaseUrl, publicBaseUrl, port, callsPerSecond, token, dataDir,
                retentionDays, allowedCountries, allowedNumberTypes, defaultCountry, database, fleet, campaigns, voicemail, liveUrl);
    }

    public AppConfig withSimulatedEndpoints(URI simulatedRealtimeUrl, String simulatedAuthToken) {
        return new AppConfig(Secret.of("sim-openai-key"), simulatedRealtimeUrl, realtimeModel, "ACsimulated",
                Secret.of(simulatedAuthToken), "+15550000000", twilioApiBaseUrl, publicBaseUrl, port,
                callsPerSecond, apiToken, dataDir, retentionDays, allowedCountries, withFictional(allowedNumberTypes),
                defaultCountry, database, fleet, campaigns, voicemail, null); // GPT-Live: the simulation's, beside its Realtime URL
    }

    /** The simulation dials nobody, so fictional numbers (+1 555 …, unknown to libphonenumber) are fine there. */
    private static java.util.Set<String> withFictional(java.util.Set<String> types) {
        java.util.Set<String> all = new java.util.TreeSet<>(types);
        all.add("UNKNOWN");
        return java.util.Set.copyOf(all);
    }

    private static String value(Map<String, String> env, String key, String fallback) {
        String v = env.get(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private static URI uri(Map<String, String> env, String key, String fallback) {
        String v = value(env, key, fallback);
        try {
            return URI.create(stripTrailingSlash(v));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key + " is not a valid URL: " + v);
        }
    }

    private static int intValue(Map<String, String> env, String key, int fallback) {
        String v = value(env, key, String.valueOf(fallback));
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got: " + v);
        }
    }

    private static double doubleValue(Map<String, String> env, String key, double fallback) {
        String v = value(env, key, String.valueOf(fallback));
        try {
            double d = Double.parseDouble(v);
            if (!(d > 0)) {
                throw new ConfigException(key + " must be greater than 0, got: " + v);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, got: " + v);
        }
    }

    /**
     * The country a number typed without its country code (national form, e.g. 5559876543) is read
     * in, as a two-letter code; "" when numbers must be typed in E.164 form.
     */
    private static String defaultCountry(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String code = text.trim().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{2}")) {
            throw new ConfigException("HIGHWAY_DEFAULT_COUNTRY must be a two-letter country code like US; got " + text);
        }
        return code;
    }

    /** "US, gb" becomes {US, GB}; empty means every country may be called. */
    private static java.util.Set<String> countries(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Set.of();
        }
        java.util.Set<String> set = new java.util.TreeSet<>();
        for (String part : text.split("[,\\s]+")) {
            String code = part.trim().toUpperCase(Locale.ROOT);
            if (!code.matches("[A-Z]{2}")) {
                throw new ConfigException("HIGHWAY_ALLOWED_COUNTRIES must list two-letter country codes like US,GB; got "
                        + part);
            }
            set.add(code);
        }
        return java.util.Set.copyOf(set);
    }

    /**
     * Number types (libphonenumber's names) allowed on top of the default ones, e.g.
     * "TOLL_FREE, voip" becomes {TOLL_FREE, VOIP}; empty means only the defaults of
     * {@code app.highway.call.NumberPolicy}.
     */
    private static java.util.Set<String> numberTypes(String text) {
        if (text == null || text.isBlank()) {
            return java.util.Set.of();
        }
        java.util.Set<String> known = new java.util.TreeSet<>();
        for (com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType t
                : com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.values()) {
            known.add(t.name());
        }
        java.util.Set<String> set = new java.util.TreeSet<>();
        for (String part : text.trim().split("[,\\s]+")) {
            String name = part.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (!known.contains(name)) {
                throw new ConfigException("HIGHWAY_ALLOWED_NUMBER_TYPES must list number types among "
                        + String.join(", ", known) + "; got " + part);
            }
            set.add(name);
        }
        return java.util.Set.copyOf(set);
    }

    private static String stripTrailingSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
