package app.highway.remote;

import app.highway.ConsoleServices;
import app.highway.call.NumberPolicy;
import app.highway.config.CallSettings;
import app.highway.config.Json;
import app.highway.config.PromptHistory;
import app.highway.config.Secret;
import app.highway.sim.CallSimulator;
import app.highway.stream.ConnectionState;
import app.highway.stream.EventStreamClient;
import app.highway.team.Actor;
import app.highway.team.Role;
import app.highway.usage.PriceTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A console's services over a bridge elsewhere: the same {@link ConsoleServices} the embedded bridge hands the
 * console, implemented over the bridge's HTTP API and its {@code /events} stream, acting as the person whose
 * token it holds. Live calls are followed as every console follows them ({@link LiveCalls}), so reading a
 * call's snapshot never touches the network; the settings, prices and system-message versions are
 * read at {@link #connect} and again after every reconnection and save, and whenever the stream says they
 * changed ({@code settings_changed}: saved by another console, or on another bridge of a fleet). The token
 * never leaves {@link BridgeHttp} and the stream client's upgrade header.
 */
public final class RemoteConsole implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RemoteConsole.class);

    private final BridgeHttp http;
    private final Actor actor;
    private final ConsoleServices.Facts facts;
    private final RemoteStores stores;
    private final LiveCalls live;
    private final ConsoleServices services;
    private final RemotePowers powers;

    private RemoteConsole(BridgeHttp http, Actor actor, ConsoleServices.Facts facts, RemoteStores stores,
            Secret token, EventStreamClient.Options streamOptions, boolean mayRunCampaigns) {
        this.http = http;
        this.actor = actor;
        this.facts = facts;
        this.stores = stores;
        RemoteHistory history = new RemoteHistory(http);
        this.live = new LiveCalls(http.base(), token, history::find, this::refreshStores, streamOptions);
        RemoteCalls calls = new RemoteCalls(http, id -> live.snapshot(id).orElse(null));
        Optional<IntConsumer> simulator = facts.simulated() ? Optional.of(new CallSimulator(
                (to, code, note) -> calls.place(to, code, note), new Random())) : Optional.empty();
        this.powers = new RemotePowers(http, token);
        this.services = new ConsoleServices(calls, live::subscribe, history, stores.settings(),
                stores.prices(), stores.prompts(), simulator, facts, new RemoteTeam(http, actor), powers,
                live::watchSettings, // after refreshStores: the tabs read the new values
                new RemoteCampaigns(http, mayRunCampaigns, live));
    }

    /**
     * Asks the bridge at {@code bridge} who {@code token} belongs to and what the console needs (blocks: call it
     * off the FX thread), then follows its events. A refused token is a {@link app.highway.team.Refusal} saying
     * so; a bridge that cannot be reached a {@link BridgeUnavailable}. {@code localDataDir} is the console's own
     * (its preferences), not the bridge's.
     */
    public static RemoteConsole connect(URI bridge, Secret token, Path localDataDir) {
        return connect(bridge, token, localDataDir, EventStreamClient.Options.defaults());
    }

    public static RemoteConsole connect(URI bridge, Secret token, Path localDataDir,
            EventStreamClient.Options streamOptions) {
        ObjectMapper json = Json.mapper();
        BridgeHttp http = new BridgeHttp(bridge, token, json, Duration.ofSeconds(15));
        RemoteFacts answer = http.read(http.get("/facts"), RemoteFacts.class);
        Actor actor = new Actor(answer.user(), Role.parse(answer.role()).orElse(Role.AGENT));
        int port = bridge.getPort() > 0 ? bridge.getPort() : "https".equalsIgnoreCase(bridge.getScheme()) ? 443 : 80;
        ConsoleServices.Facts facts = new ConsoleServices.Facts(answer.simulated(), port, answer.modelHost(),
                localDataDir, new NumberPolicy(Set.copyOf(answer.allowedCountries()),
                        Set.copyOf(answer.extraNumberTypes())), answer.defaultCountry() == null ? ""
                        : answer.defaultCountry(), Optional.empty());
        RemoteStores stores = new RemoteStores(http);
        stores.refresh();
        boolean campaigns = actor.maySupervise() || Boolean.TRUE.equals(answer.agentCampaigns());
        RemoteConsole console = new RemoteConsole(http, actor, facts, stores, token, streamOptions, campaigns);
        log.info("Console connected to the bridge at {} as {} ({})", http.base(), actor.user(),
                actor.role().wireName());
        console.live.start();
        return console;
    }

    /** The bridge's answer to {@code GET /facts}. */
    record RemoteFacts(boolean simulated, String modelHost, String defaultCountry, List<String> allowedCountries,
            List<String> extraNumberTypes, String user, String role, Boolean agentCampaigns) { }

    public ConsoleServices services() {
        return services;
    }

    /** Whom the console acts as: the person whose token it holds. */
    public Actor actor() {
        return actor;
    }

    /** The bridge's address, as the console shows it. */
    public URI bridge() {
        return http.base();
    }

    public ConnectionState state() {
        return live.state();
    }

    /**
     * Tells {@code watcher} the connection's state now and at every change (on the stream's thread: it must not
     * block). Closing the answer stops it.
     */
    public AutoCloseable watch(Consumer<ConnectionState> watcher) {
        return live.watch(watcher);
    }

    private void refreshStores() {
        try {
            stores.refresh();
        } catch (RuntimeException e) {
            log.info("Could not read the bridge's settings again: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        live.close();
        powers.close();
    }

    /** Settings, prices and system-message versions: read into memory, saved through the API. */
    static final class RemoteStores {
        private final BridgeHttp http;
        private volatile CallSettings settings;
        private volatile PriceTable prices;
        private volatile List<PromptHistory.Version> versions;

        RemoteStores(BridgeHttp http) {
            this.http = http;
        }

        record Prices(Map<String, app.highway.usage.ModelPrice> models,
                Map<String, app.highway.usage.TranscriptionPrice> transcription) {
            PriceTable table() {
                return new PriceTable(models, transcription == null ? Map.of() : transcription);
            }

            static Prices of(PriceTable t) {
                return new Prices(t.asMap(), t.transcriptionPrices());
            }
        }

        record Versions(List<PromptHistory.Version> versions) { }

        record NewVersion(String instructions, String verificationTemplate) { }

        void refresh() {
            settings = http.read(http.get("/settings"), CallSettings.class);
            prices = http.read(http.get("/prices"), Prices.class).table();
            versions = List.copyOf(http.read(http.get("/prompts"), Versions.class).versions());
        }

        ConsoleServices.Stored<CallSettings> settings() {
            return ConsoleServices.Stored.of(() -> settings,
                    next -> settings = http.read(http.put("/settings", next), CallSettings.class));
        }

        ConsoleServices.Stored<PriceTable> prices() {
            return ConsoleServices.Stored.of(() -> prices,
                    next -> prices = http.read(http.put("/prices", Prices.of(next)), Prices.class).table());
        }

        ConsoleServices.Prompts prompts() {
            return new ConsoleServices.Prompts() {
                @Override
                public List<PromptHistory.Version> versions() {
                    return versions;
                }

                @Override
                public PromptHistory.Version save(String instructions, String template) {
                    PromptHistory.Version saved = http.read(http.post("/prompts",
                            new NewVersion(instructions, template)), PromptHistory.Version.class);
                    versions = List.copyOf(http.read(http.get("/prompts"), Versions.class).versions());
                    return saved;
                }
            };
        }
    }
}
