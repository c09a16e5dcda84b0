package app.highway;

import app.highway.call.CallEvent;
import app.highway.campaign.Campaigns;
import app.highway.campaign.Templates;
import app.highway.api.HttpApi;
import app.highway.call.Call;
import app.highway.call.CallRegistry;
import app.highway.call.CallService;
import app.highway.call.CallSnapshot;
import app.highway.call.NumberPolicy;
import app.highway.call.Scheduler;
import app.highway.config.ApiTokens;
import app.highway.config.AppConfig;
import app.highway.config.BridgeIds;
import app.highway.config.CallSettings;
import app.highway.config.Json;
import app.highway.config.FleetSettings;
import app.highway.config.Secret;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.config.VoicemailSettings;
import app.highway.control.CallControls;
import app.highway.control.CallPowers;
import app.highway.control.SettingsControls;
import app.highway.event.EventBus;
import app.highway.fleet.Fleet;
import app.highway.metrics.BridgeMetrics;
import app.highway.realtime.RealtimeConnector;
import app.highway.remote.RemotePowers;
import app.highway.sim.Simulation;
import app.highway.store.BridgeLease;
import app.highway.store.CallHistory;
import app.highway.store.CallStore;
import app.highway.store.CrashRecovery;
import app.highway.store.LostBridgeRecovery;
import app.highway.store.SqlCallStore;
import app.highway.store.SqlTeamStore;
import app.highway.store.StoreWriter;
import app.highway.remote.LiveCalls;
import app.highway.stream.EventStreams;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.Revocation;
import app.highway.team.Team;
import app.highway.transport.LoopDelayProbe;
import app.highway.transport.Transport;
import app.highway.twilio.CallPacer;
import app.highway.twilio.StreamTokens;
import app.highway.twilio.TwilioGateway;
import app.highway.twilio.TwilioRestGateway;
import app.highway.twilio.TwilioSignatures;
import app.highway.usage.PriceStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the bridge core: builds every service by hand, starts the HTTP port,
 * and stops it all in order. The console and the headless launcher both start one of these.
 */
public final class Bridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bridge.class);
    private final AppConfig config;
    private final Secret apiToken;
    private final CallService calls;
    private final HttpApi api;
    private final Simulation simulation;
    private final CallStore store;
    private final BridgeLease lease;
    private final StoreWriter storeWriter;
    private final CallHistory history;
    /** The console's services, given the live calls it follows (built by {@link #console()}). */
    private final Function<LiveCalls, ConsoleServices> consoleOver;
    /** The console's services and its live calls, once asked for; guarded by this. */
    private ConsoleServices console;
    private LiveCalls consoleCalls;
    private final EventBus<CallEvent> events;
    private final CallRegistry registry;
    private final ScheduledExecutorService housekeeping;
    private final int port;
    private final Transport transport;
    /** /metrics: the meters and the relay loop's probe. */
    private final AutoCloseable observability;
    private final SqlTeamStore teamStore;
    private final Team team;
    private final Audit audit;
    private final EventStreams streams;
    /** The fleet this bridge belongs to (PostgreSQL), or null (SQLite: on its own). */
    private final Fleet fleet;
    private final Campaigns campaigns;
    private final Scheduler campaignTimers;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Bridge(AppConfig config, Secret apiToken, CallService calls, HttpApi api, Simulation simulation,
            CallStore store, BridgeLease lease, StoreWriter storeWriter, CallHistory history,
            Function<LiveCalls, ConsoleServices> consoleOver,
            EventBus<CallEvent> events, CallRegistry registry, ScheduledExecutorService housekeeping, int port,
            Transport transport, AutoCloseable observability, SqlTeamStore teamStore, Team team, Audit audit,
            EventStreams streams, Fleet fleet, Campaigns campaigns, Scheduler campaignTimers) {
        this.fleet = fleet;
        this.campaigns = campaigns;
        this.campaignTimers = campaignTimers;
        this.observability = observability;
        this.teamStore = teamStore;
        this.team = team;
        this.audit = audit;
        this.streams = streams;
        this.events = events;
        this.registry = registry;
        this.config = config;
        this.apiToken = apiToken;
        this.calls = calls;
        this.api = api;
        this.simulation = simulation;
        this.store = store;
        this.lease = lease;
        this.storeWriter = storeWriter;
        this.history = history;
        this.consoleOver = consoleOver;
        this.housekeeping = housekeeping;
        this.port = port;
        this.transport = transport;
    }

    /**
     * Starts the bridge. With {@code simulate}, a built-in simulated carrier and model stand in for
     * Twilio and OpenAI (and every output says so); otherwise the configured ones are used.
     */
    public static Bridge start(AppConfig configIn, boolean simulate) {
        return start(configIn, simulate, Scheduler.realTime("call-timers"));
    }

    /** As {@link #start(AppConfig, boolean)}, with the call timers on {@code timers} (tests: virtual time). */
    public static Bridge start(AppConfig configIn, boolean simulate, Scheduler timers) {
        return start(configIn, simulate, timers, Campaigns.Time.real());
    }

    /**
     * As {@link #start(AppConfig, boolean, Scheduler)}, with campaigns going by {@code campaignTime} (tests: a
     * virtual clock and scheduler, for calling hours and retries).
     */
    public static Bridge start(AppConfig configIn, boolean simulate, Scheduler timers, Campaigns.Time campaignTime) {
        AppConfig config = configIn.port() == 0 ? withFreePort(configIn) : configIn;
        Transport transport = Transport.start("bridge");
        ObjectMapper json = Json.mapper();
        Clock clock = Clock.systemUTC();
        // the simulated carrier and model start on a thread of their own while the store opens: they share
        // nothing, and the start then waits for the longer of the two, not for both one after the other
        CompletableFuture<Simulation> simulating = null;
        if (simulate) {
            config = config.withPublicBaseUrl(URI.create("http://127.0.0.1:" + config.port()));
            simulating = CompletableFuture.supplyAsync(() -> Simulation.start(json),
                    work -> new Thread(work, "simulation-start").start());
        }
        Optional<Path> apiTokenFile = ApiTokens.file(config);
        Secret apiToken = ApiTokens.resolve(config);
        config = config.withApiToken(apiToken);
        EventBus<CallEvent> events = new EventBus<>();
        FleetSettings fleet = config.fleet();
        String bridgeId = BridgeIds.resolve(config);
        SqlCallStore store;
        try {
            store = SqlCallStore.open(config.database(), config.dataDir(), bridgeId, json);
        } catch (RuntimeException e) {
            stopEarly(simulating, transport);
            throw e;
        }
        // the settings, prices and system-message versions every bridge of a fleet shares, in the store; the
        // files a bridge kept them in before are imported at its first start
        SettingsStore settings;
        PriceStore prices;
        PromptHistory prompts;
        try {
            settings = new SettingsStore(store.shared(), CallSettings.defaults(config.realtimeModel()),
                    config.dataDir());
            prices = new PriceStore(store.shared(), config.dataDir());
            prompts = new PromptHistory(store.shared(), clock, config.dataDir());
        } catch (RuntimeException e) {
            store.close();
            stopEarly(simulating, transport);
            throw e;
        }
        BridgeLease lease;
        try {
            lease = BridgeLease.start(store.leases(), new BridgeLease.Holder(bridgeId, BridgeIds.hostName(),
                    config.publicBaseUrl().toString()), fleet.heartbeat(), fleet.lease(), clock);
        } catch (RuntimeException e) {
            store.close();
            stopEarly(simulating, transport);
            throw e;
        }
        SqlTeamStore teamStore;
        try {
            teamStore = SqlTeamStore.besideCallStore(config.database(), config.dataDir()); // migrated just above
        } catch (RuntimeException e) {
            lease.close();
            store.close();
            stopEarly(simulating, transport);
            throw e;
        }
        Simulation simulation = null;
        if (simulating != null) {
            try {
                simulation = joined(simulating);
            } catch (RuntimeException e) {
                teamStore.close();
                lease.close();
                store.close();
                transport.close();
                throw e;
            }
            config = config.withSimulatedEndpoints(simulation.realtimeUrl(), simulation.authToken());
        }
        TwilioGateway twilio = simulate ? simulation.carrier()
                : new TwilioRestGateway(config.twilioAccountSid(), config.twilioAuthToken().reveal(),
                        config.twilioApiBaseUrl());
        Audit audit = new Audit(teamStore.audit(), clock);
        Team team = new Team(teamStore.people(), audit, clock);
        CallRegistry registry = new CallRegistry();
        double pace = simulate ? Math.max(20, config.callsPerSecond()) : config.callsPerSecond();
        StoreWriter storeWriter = new StoreWriter(store, events, id -> registry.find(id).map(Call::redactedSnapshot),
                Duration.ofMillis(200));
        CallHistory history = new CallHistory(registry, store, storeWriter, events, clock);
        CallService calls = new CallService(config, twilio,
                new RealtimeConnector(transport, config.realtimeUrl(), config.liveUrl(), config.openAiApiKey(), json,
                        simulate ? "simulated Realtime model (SIMULATION)" : "OpenAI Realtime API"), settings,
                prices, events, registry, new StreamTokens(clock, Duration.ofHours(2)),
                new CallPacer(pace, Duration.ofSeconds(10)), clock, simulate, timers);
        // campaigns dial through the same CallService, so under the same pacer as calls placed by hand; a
        // row's {{variables}} are filled into the voicemail's callback message as into the system message
        VoicemailSettings campaignVoicemail = config.voicemail();
        Campaigns campaigns = new Campaigns(store.campaigns(),
                (placedBy, row, tailored, gate, voicemail) -> calls.placeCall(placedBy, row.to(), row.verification(),
                        row.note(), tailored, gate, campaignVoicemail.campaign(voicemail)
                                .withMessage(Templates.render(campaignVoicemail.message(), row.variables()))).id(),
                history::find, twilio, events, campaignTime.clock(), campaignTime.scheduler(),
                new Campaigns.Settings(pace, NumberPolicy.from(config), config.defaultCountry(),
                        config.campaigns().agentCampaigns()), audit);
        // on PostgreSQL this bridge is one of a fleet: its consoles also see the other bridges' live calls
        AtomicReference<Fleet> fleetOf = new AtomicReference<>();
        EventStreams streams = EventStreams.start(events, new EventStreams.Sources(
                user -> { // the code hidden, except from the person who placed the call (they typed it)
                    List<CallSnapshot> live = new ArrayList<>(registry.all().stream().filter(c -> !c.isEnded())
                            .map(c -> c.placedBy().equals(user) ? c.snapshot() : c.redactedSnapshot()).toList());
                    Fleet f = fleetOf.get();
                    if (f != null) {
                        live.addAll(f.liveCallsElsewhere());
                    }
                    return live;
                },
                id -> registry.find(id).map(Call::placedBy).or(() -> Optional.ofNullable(fleetOf.get())
                        .flatMap(f -> f.placedByElsewhere(id))),
                (id, text) -> registry.find(id).map(c -> c.redact(text)).orElse(text)), EventStreams.Limits.defaults());
        // a revoked token or a disabled person: their open event streams close at once; so do those of a person
        // whose role changed (what a stream shows was decided with the old role)
        team.onRevocation(r -> {
            if (r instanceof Revocation.TokenRevoked t) {
                streams.closeToken(t.tokenId(), "token revoked");
            } else if (r instanceof Revocation.PersonDisabled d) {
                streams.closeUser(d.user(), "person disabled");
            } else if (r instanceof Revocation.RoleChanged c) {
                streams.closeUser(c.user(), "role changed to " + c.role().wireName() + ": connect again");
            }
        });
        CallControls controls = new CallControls(calls, history, audit);
        // every console attached here reads the settings again when they are saved here (or, below, elsewhere)
        settings.onSaved(() -> streams.settingsChanged(List.of("settings")));
        prompts.onSaved(() -> streams.settingsChanged(List.of("prompts")));
        prices.onSaved(() -> streams.settingsChanged(List.of("prices")));
        // consoles showing a campaign read its progress again when it changes (campaigns_changed on /events)
        campaigns.watch(change -> streams.campaignChanged(change.campaignId(), change.owner()));
        if (config.database().isPostgres()) {
            try {
                fleetOf.set(Fleet.join(config.database(), bridgeId, store, streams, controls,
                        id -> hangUpHere(calls, id), json, new Fleet.Shared(settings, prompts, prices)));
            } catch (RuntimeException e) {
                streams.close();
                campaigns.close();
                calls.close();
                storeWriter.close();
                lease.close();
                store.close();
                teamStore.close();
                stopEarly(simulating, transport);
                throw e;
            }
        }
        Fleet joined = fleetOf.get();
        HttpApi api = new HttpApi(config, apiToken, calls, controls, history, team, audit,
                new TwilioSignatures(config.twilioAuthToken().reveal()), json, transport, streams);
        SettingsControls settingsControls = new SettingsControls(settings, prices, prompts, audit);
        api.serveSettings(settings, prices, prompts, settingsControls);
        CallPowers powers = new CallPowers(calls, controls, audit, NumberPolicy.from(config),
                () -> settings.current().transferNumber());
        api.servePowers(powers);
        api.serveCampaigns(campaigns);
        if (joined != null) {
            joined.servePowers(powers); // whispers, mutes... asked by consoles attached to other bridges
        }
        BridgeMetrics metrics = new BridgeMetrics(events, registry::activeCount, simulate);
        metrics.attachedConsoles(streams::attached);
        if (joined != null) {
            metrics.fleetListenOutages(joined::listenOutages);
        }
        api.serveMetrics(metrics::scrape);
        team.onRevocation(api.audioLinks()::revoked); // a revoked token's listen and take-over sockets close too
        int port;
        try {
            port = api.start();
        } catch (RuntimeException e) {
            metrics.close();
            if (joined != null) {
                joined.close();
            }
            streams.close();
            campaigns.close();
            calls.close();
            storeWriter.close();
            lease.close();
            store.close();
            teamStore.close();
            if (simulation != null) {
                simulation.close();
            }
            transport.close();
            throw e;
        }
        LoopDelayProbe loopProbe = LoopDelayProbe.start(transport.vertx(), transport.relay(), 100,
                metrics::loopDelay);
        AutoCloseable observability = () -> {
            loopProbe.close();
            metrics.close();
        };
        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "housekeeping");
            t.setDaemon(true);
            return t;
        });
        // ended calls leave memory after 30 minutes; their records stay in the store
        housekeeping.scheduleAtFixedRate(() -> {
            storeWriter.flush();
            registry.forgetEndedBefore(clock.instant().minus(Duration.ofMinutes(30)));
        }, 5, 5, TimeUnit.MINUTES);
        // revocations made by another process (the command line, another bridge) reach open event streams
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                team.pollRevocations();
            } catch (RuntimeException e) {
                log.warn("Could not look for revoked tokens: {}", e.getMessage());
            }
        }, Team.POLL_EVERY.toMillis(), Team.POLL_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        // first this bridge's own calls left live by its last run, then, every heartbeat, those of
        // bridges sharing the database whose lease ran out
        CrashRecovery recovery = new CrashRecovery(store, twilio, clock);
        housekeeping.execute(recovery::run);
        // then the campaigns: attempts left unfinished are reconciled from the (now recovered) call history
        housekeeping.execute(campaigns::recover);
        LostBridgeRecovery lostBridges = new LostBridgeRecovery(store, store.leases(), twilio, bridgeId, fleet.lease(),
                clock);
        if (joined != null) { // consoles following the fleet see the lost bridge's calls end
            lostBridges.whenEnded((lost, call) -> joined.announce(lost, List.of(new CallEvent.CallEnded(call.id(),
                    call.state(), call.endReason(), call.endedAt() != null ? call.endedAt() : clock.instant()))));
        }
        housekeeping.scheduleWithFixedDelay(lostBridges::run, fleet.heartbeat().toMillis(),
                fleet.heartbeat().toMillis(), TimeUnit.MILLISECONDS);
        if (config.retentionDays() > 0) {
            int days = config.retentionDays();
            housekeeping.scheduleAtFixedRate(() -> {
                int n = store.deleteCreatedBefore(clock.instant().minus(Duration.ofDays(days)));
                if (n > 0) {
                    log.info("Deleted {} call record(s) older than {} days (HIGHWAY_RETENTION_DAYS)", n, days);
                }
            }, 0, 6, TimeUnit.HOURS);
        }
        ConsoleServices.Facts facts = new ConsoleServices.Facts(simulate, port, config.realtimeUrl().getHost(),
                config.dataDir(), NumberPolicy.from(config), config.defaultCountry(), apiTokenFile);
        // the embedded console's powers go through the API over loopback with the owner's token, as a remote
        // console's do: the same role checks, audit and timeline
        Function<LiveCalls, ConsoleServices> console = live -> EmbeddedConsole.services(Actor.OWNER, live, controls,
                settingsControls, history, settings, prices, prompts, team, audit, simulate, facts,
                RemotePowers.over(URI.create("http://127.0.0.1:" + port), apiToken), campaigns);
        return new Bridge(config, apiToken, calls, api, simulation, store, lease, storeWriter, history, console, events,
                registry, housekeeping, port, transport, observability, teamStore, team, audit, streams, joined,
                campaigns, campaignTime.scheduler());
    }

    /** A hang-up another bridge of the fleet asked of this one, for a call this one holds. */
    private static CallControls.HangUp hangUpHere(CallService calls, String id) {
        if (calls.find(id).isEmpty()) {
            return CallControls.HangUp.NO_SUCH_CALL;
        }
        return calls.hangUp(id) ? CallControls.HangUp.HANGING_UP : CallControls.HangUp.ALREADY_ENDED;
    }

    /** Stops what was started before the store could be opened (a database that cannot be reached, an id in use). */
    private static void stopEarly(CompletableFuture<Simulation> simulating, Transport transport) {
        if (simulating != null) {
            try {
                joined(simulating).close();
            } catch (RuntimeException e) {
                log.debug("The simulation had not started either: {}", e.getMessage());
            }
        }
        transport.close();
    }

    /** The simulation once started, or what stopped it starting. */
    private static Simulation joined(CompletableFuture<Simulation> simulating) {
        try {
            return simulating.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static AppConfig withFreePort(AppConfig config) {
        try (ServerSocket socket = new ServerSocket(0)) {
            int free = socket.getLocalPort();
            AppConfig withPort = config.withPort(free);
            String base = config.publicBaseUrl().toString();
            return base.matches("http://(localhost|127\\.0\\.0\\.1):0") 
                    ? withPort.withPublicBaseUrl(URI.create("http://127.0.0.1:" + free)) : withPort;
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    public AppConfig config() {
        return config;
    }

    /** The bridge's call events (tests and benchmarks; the console subscribes through {@link #console()}). */
    public EventBus<CallEvent> events() {
        return events;
    }

    /** The calls in memory (benchmarks feed calls straight into it). */
    public CallRegistry registry() {
        return registry;
    }

    public CallService calls() {
        return calls;
    }

    public Secret apiToken() {
        return apiToken;
    }

    public int port() {
        return port;
    }

    public boolean simulated() {
        return simulation != null;
    }

    public CallHistory history() {
        return history;
    }

    /**
     * Starts a bridge for the desktop console: as {@link #start(AppConfig, boolean)}, then connects the
     * console's live calls ({@link #console()}) and waits for their first snapshot, so that the console shows
     * every live call from its first frame. Blocks; a bridge whose console could not be connected is stopped again.
     */
    public static Bridge startForConsole(AppConfig config, boolean simulate) {
        Bridge bridge = startConnectingConsole(config, simulate);
        try {
            bridge.awaitConsoleSnapshot();
            return bridge;
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    /**
     * As {@link #startForConsole}, without waiting for the first snapshot: the console's live calls start
     * connecting, and the console builds its window meanwhile, then waits with {@link #awaitConsoleSnapshot()}
     * before showing it. A bridge whose console could not start connecting is stopped again.
     */
    public static Bridge startConnectingConsole(AppConfig config, boolean simulate) {
        Bridge bridge = start(config, simulate);
        try {
            bridge.consoleLiveCalls();
            return bridge;
        } catch (RuntimeException e) {
            bridge.close();
            throw e;
        }
    }

    /** Waits (at most 10 s) until the console's live calls hold every live call; blocks, so off the FX thread. */
    public void awaitConsoleSnapshot() {
        EmbeddedConsole.awaitFirstSnapshot(consoleLiveCalls());
    }

    /**
     * The services the console uses, as small interfaces (what a remote console implements too). The first
     * call starts connecting the console's live calls to this bridge's own {@code /events} over loopback, as
     * the owner (on a thread of its own: this returns at once; the live calls arrive with the stream's first
     * snapshot); a bridge without a console (headless) never opens that stream.
     */
    public synchronized ConsoleServices console() {
        if (console == null) {
            if (closed.get()) {
                throw new IllegalStateException("the bridge is stopped");
            }
            consoleCalls = EmbeddedConsole.follow(port, apiToken, history);
            console = consoleOver.apply(consoleCalls);
        }
        return console;
    }

    /**
     * The console's live calls, as it follows them on this bridge's {@code /events} (its connection's state, for
     * the status bar); starts connecting as {@link #console()} does.
     */
    public synchronized LiveCalls consoleLiveCalls() {
        console();
        return consoleCalls;
    }

    public StoreWriter storeWriter() {
        return storeWriter;
    }

    /** This bridge's id in a fleet sharing one database (the calls it places are recorded as its). */
    public String bridgeId() {
        return lease.holder().id();
    }

    /**
     * People and their tokens: who a personal token belongs to, and the revocations that must close
     * what was opened with one ({@link Team#onRevocation}).
     */
    public Team team() {
        return team;
    }

    /** The audit log: every control action, with who and when. */
    public Audit audit() {
        return audit;
    }

    /**
     * The consoles attached to {@code /events}: how many, and a way to close the streams of a person or
     * a token at once (when it is revoked).
     */
    public EventStreams eventStreams() {
        return streams;
    }

    /** The campaigns: verification calls in bulk from a list. */
    public Campaigns campaigns() {
        return campaigns;
    }

    /** The fleet this bridge belongs to, if its store is PostgreSQL. */
    public Optional<Fleet> fleet() {
        return Optional.ofNullable(fleet);
    }

    /** Stops the bridge: ends every call (see {@link CallService#close()}), then the API and the store. Safe to repeat. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        housekeeping.shutdownNow();
        synchronized (this) {
            if (consoleCalls != null) {
                consoleCalls.close(); // first: the console's stream is not told to reconnect when the streams stop
            }
            if (console != null) {
                ((RemotePowers) console.powers()).close(); // the listen-in and take-over sockets it holds
            }
        }
        campaigns.close(); // first: no campaign dials while the calls are being ended
        campaignTimers.close();
        calls.close();
        streams.close(); // the consoles hear "going away" (they reconnect) before the server stops
        if (fleet != null) {
            fleet.close(); // after the streams: the calls' last events have been handed to it and go out
        }
        try {
            observability.close();
        } catch (Exception e) {
            log.debug("Stopping the meters: {}", e.getMessage());
        }
        api.close();
        storeWriter.close();
        lease.close(); // after the last write: its calls are ended on record before the lease is given up
        store.close();
        teamStore.close();
        if (simulation != null) {
            simulation.close();
        }
        transport.close(); // last: the API's server and every socket of the relay run on it
    }
}
