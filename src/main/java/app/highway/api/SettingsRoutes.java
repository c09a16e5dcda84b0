package app.highway.api;

import app.highway.call.CallService;
import app.highway.call.NumberPolicy;
import app.highway.config.AppConfig;
import app.highway.config.CallSettings;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.control.SettingsControls;
import app.highway.team.Actor;
import app.highway.usage.ModelPrice;
import app.highway.usage.PriceStore;
import app.highway.usage.PriceTable;
import app.highway.usage.TranscriptionPrice;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a remote console edits and shows about the bridge: {@code GET/PUT /settings}, {@code GET/POST /prompts},
 * {@code GET/PUT /prices} and {@code GET /facts}. Anyone with a token reads (an agent's console shows the
 * settings a call starts with); changing is for supervisors and admins, decided and audited by
 * {@link SettingsControls}, so the embedded console and the API change things alike. The stores write
 * files: everything runs on the worker pool.
 */
final class SettingsRoutes {
    /**
     * What the console needs to know about the bridge, without its local paths (they mean nothing remotely), and
     * who the token belongs to ({@code user}, {@code role}), so that a console knows whom it acts as before its
     * event stream opens.
     */
    record FactsJson(boolean simulated, String modelHost, String defaultCountry, Set<String> allowedCountries,
            Set<String> extraNumberTypes, String user, String role, boolean agentCampaigns) { }

    /** The price table on the wire: the voice models' and the transcription models' prices, by model. */
    record PricesJson(Map<String, ModelPrice> models, Map<String, TranscriptionPrice> transcription) {
        static PricesJson of(PriceTable table) {
            return new PricesJson(table.asMap(), table.transcriptionPrices());
        }
    }

    /** A new version of the system message. */
    record PromptJson(String instructions, String verificationTemplate) { }

    private final SettingsStore settings;
    private final PriceStore prices;
    private final PromptHistory prompts;
    private final SettingsControls changes;
    private final AppConfig config;
    private final CallService calls;
    private final ObjectMapper json;
    private final Replies replies;

    SettingsRoutes(Stores stores, AppConfig config, CallService calls, ObjectMapper json, Replies replies) {
        this.settings = stores.settings();
        this.prices = stores.prices();
        this.prompts = stores.prompts();
        this.changes = stores.changes();
        this.config = config;
        this.calls = calls;
        this.json = json;
        this.replies = replies;
    }

    /** The stores behind these routes and the controls that change them (audited, role-checked). */
    record Stores(SettingsStore settings, PriceStore prices, PromptHistory prompts, SettingsControls changes) { }

    void getSettings(RoutingContext ctx) {
        replies.blocking(ctx, () -> replies.jsonReply(200, settings.current()));
    }

    /** The whole settings object (as {@code GET /settings} gives it); a setting out of range is a 400 naming it. */
    void putSettings(RoutingContext ctx) {
        CallSettings next = read(ctx, CallSettings.class, "the settings as GET /settings returns them");
        List<String> problems = next.problems();
        if (!problems.isEmpty()) {
            throw new BadRequest("invalid_settings", String.join("; ", problems));
        }
        if (next.transferNumber() != null) { // transfers dial it: the same policy as the calls the bridge places
            NumberPolicy.from(config).check(next.transferNumber()).ifPresent(refusal -> {
                throw new BadRequest("invalid_settings", "transfer number: " + refusal.message());
            });
        }
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> {
            changes.saveSettings(actor, next);
            return replies.jsonReply(200, settings.current());
        });
    }

    void getPrompts(RoutingContext ctx) {
        replies.blocking(ctx, () -> replies.jsonReply(200, Map.of("versions", prompts.versions())));
    }

    /** A new version (201), or the saved one with the same text (200): versions are never duplicated. */
    void postPrompt(RoutingContext ctx) {
        PromptJson body = read(ctx, PromptJson.class, "{\"instructions\": \"…\", \"verificationTemplate\": \"…{code}…\"}");
        if (body.instructions() == null || body.instructions().isBlank() || body.verificationTemplate() == null
                || body.verificationTemplate().isBlank()) {
            throw new BadRequest("invalid_prompt", "'instructions' and 'verificationTemplate' are required");
        }
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> {
            int latest = prompts.versions().stream().mapToInt(PromptHistory.Version::version).max().orElse(0);
            PromptHistory.Version saved = changes.savePrompt(actor, body.instructions(), body.verificationTemplate());
            return replies.jsonReply(saved.version() > latest ? 201 : 200, saved);
        });
    }

    void getPrices(RoutingContext ctx) {
        replies.blocking(ctx, () -> replies.jsonReply(200, PricesJson.of(prices.current())));
    }

    /** The whole table (as {@code GET /prices} gives it); negative prices are a 400. */
    void putPrices(RoutingContext ctx) {
        PricesJson body = read(ctx, PricesJson.class, "{\"models\": {…}, \"transcription\": {…}}");
        if (body.models() == null || body.models().isEmpty()) {
            throw new BadRequest("invalid_prices", "'models' must price at least one voice model");
        }
        body.models().forEach((model, p) -> {
            if (p == null || p.textInput() < 0 || p.cachedTextInput() < 0 || p.textOutput() < 0 || p.audioInput() < 0
                    || p.cachedAudioInput() < 0 || p.audioOutput() < 0) {
                throw new BadRequest("invalid_prices", "The prices of " + model + " must be given and not negative");
            }
        });
        PriceTable next = new PriceTable(new LinkedHashMap<>(body.models()), body.transcription() == null
                ? prices.current().transcriptionPrices() : new LinkedHashMap<>(body.transcription()));
        Actor actor = Access.actor(ctx);
        replies.blocking(ctx, () -> {
            changes.savePrices(actor, next);
            return replies.jsonReply(200, PricesJson.of(prices.current()));
        });
    }

    void getFacts(RoutingContext ctx) {
        Actor actor = Access.actor(ctx);
        replies.json(ctx, 200, new FactsJson(calls.simulated(), config.realtimeUrl().getHost(),
                config.defaultCountry(), new TreeSet<>(config.allowedCountries()),
                new TreeSet<>(config.allowedNumberTypes()), actor.user(), actor.role().wireName(),
                config.campaigns().agentCampaigns()));
    }

    private <T> T read(RoutingContext ctx, Class<T> type, String expected) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest(415, "unsupported_media_type",
                    "Send the body as JSON with Content-Type: application/json");
        }
        try {
            JsonNode tree = json.readTree(Requests.body(ctx).getBytes());
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("not an object");
            }
            return json.treeToValue(tree, type);
        } catch (Exception e) {
            throw new BadRequest("malformed_json", "The body is not what this endpoint takes: expected " + expected);
        }
    }
}
