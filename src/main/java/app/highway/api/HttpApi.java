package app.highway.api;

import app.highway.audiolink.AudioLinks;
import app.highway.call.CallService;
import app.highway.call.NumberPolicy;
import app.highway.config.AppConfig;
import app.highway.config.Secret;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.control.CallControls;
import app.highway.control.CallPowers;
import app.highway.control.SettingsControls;
import app.highway.store.CallExport;
import app.highway.store.CallHistory;
import app.highway.stream.EventStreams;
import app.highway.team.Audit;
import app.highway.team.Refusal;
import app.highway.team.Team;
import app.highway.transport.Transport;
import app.highway.twilio.MediaStreamProtocol;
import app.highway.twilio.TwilioSignatures;
import app.highway.usage.PriceStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's one port: the control API (bearer token), the live event stream {@code /events}
 * (bearer token, WebSocket), Twilio's status callback and media WebSocket (Twilio signature), and
 * {@code /health}. A vertx-web router on the transport's relay
 * loop: every connection, and every media socket, is served by that one event loop. Whatever may
 * block (placing a call, the store, exports) runs on a small worker pool and answers when done.
 *
 * <p>This class owns the server (its options, starting it on the relay loop, closing it) and the route
 * table, with the 405 and 404 answers for what it does not list; the handlers live in
 * {@link CallRoutes}, {@link PowerRoutes}, {@link HistoryRoutes}, {@link TeamRoutes}, {@link SettingsRoutes}, {@link EventRoutes} and {@link TwilioRoutes}, the
 * bearer check (who is acting) in {@link TokenGate}, and how every answer is written in {@link Replies}.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    static final long MAX_BODY_BYTES = 16 * 1024;
    /** Generous at the socket, so that an oversized frame is refused by our parser (logged, the call goes on). */
    static final int MAX_WEBSOCKET_BYTES = 1024 * 1024;
    /** A media socket (or a kept-alive API connection) with nothing on it for this long is closed. */
    static final int IDLE_TIMEOUT_SECONDS = 120;
    /** Placing a call waits its turn at the pace (up to 10 s): enough threads that a burst does not starve reads. */
    static final int API_WORKERS = 32;

    private final AppConfig config;
    private final CallService calls;
    private final CallControls controls;
    private final CallHistory history;
    private final Team team;
    private final Audit audit;
    private final ObjectMapper json;
    private final ObjectMapper out; // costUsd and friends: 8 decimals
    private final TwilioSignatures signatures;
    private final BearerAuth auth;
    private final MediaStreamEndpoint media;
    private final NumberPolicy numbers;
    private final Transport transport;
    private final EventStreams streams;
    private final AudioLinks audioLinks = new AudioLinks();
    private WorkerExecutor workers;
    private Supplier<String> metrics = () -> "";
    private SettingsRoutes.Stores settingsStores;
    private CallPowers powers;
    private app.highway.campaign.Campaigns campaigns;
    private volatile HttpServer server;

    /**
     * {@code apiToken} is the bridge's own token (it acts as the owner); {@code team} knows the personal
     * tokens; {@code controls} places and hangs up calls as whoever presented the token, and audits it;
     * {@code streams} serves {@code /events}.
     */
    public HttpApi(AppConfig config, Secret apiToken, CallService calls, CallControls controls, CallHistory history,
            Team team, Audit audit, TwilioSignatures signatures, ObjectMapper json, Transport transport,
            EventStreams streams) {
        this.config = config;
        this.calls = calls;
        this.controls = controls;
        this.history = history;
        this.team = team;
        this.audit = audit;
        this.json = json;
        this.out = CallExport.roundingMoney(json);
        this.signatures = signatures;
        this.auth = new BearerAuth(apiToken);
        this.numbers = NumberPolicy.from(config);
        this.media = new MediaStreamEndpoint(calls, new MediaStreamProtocol(json));
        this.transport = transport;
        this.streams = streams;
    }

    /** The call-audio link's open sockets ({@code /calls/{id}/listen}, {@code /calls/{id}/takeover}). */
    public AudioLinks audioLinks() {
        return audioLinks;
    }

    /** What {@code GET /metrics} serves (Prometheus's text format); set before {@link #start()}. */
    public void serveMetrics(Supplier<String> scrape) {
        this.metrics = scrape;
    }

    /**
     * Serves what a remote console edits ({@code /settings}, {@code /prompts}, {@code /prices}) through
     * {@code changes}, which checks roles and audits; and {@code /facts}. Set before {@link #start()}.
     */
    public void serveSettings(SettingsStore settings, PriceStore prices, PromptHistory prompts,
            SettingsControls changes) {
        this.settingsStores = new SettingsRoutes.Stores(settings, prices, prompts, changes);
    }

    /**
     * Serves a supervisor's powers on live calls ({@code /calls/{id}/whisper}, {@code /say}, {@code /mute},
     * {@code /unmute}, {@code /transfer}) through {@code powers}, which checks roles and audits. Set before
     * {@link #start()}.
     */
    public void servePowers(CallPowers callPowers) {
        this.powers = callPowers;
    }

    /** Serves {@code /campaigns} through {@code all}, which checks roles. Set before {@link #start()}. */
    public void serveCampaigns(app.highway.campaign.Campaigns all) {
        this.campaigns = all;
    }

    static HttpServerOptions serverOptions() {
        return new HttpServerOptions()
                // no deflate on audio: a client offering permessage-deflate gets a plain socket
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false)
                .setCompressionSupported(false)
                .setMaxWebSocketFrameSize(MAX_WEBSOCKET_BYTES)
                .setMaxWebSocketMessageSize(MAX_WEBSOCKET_BYTES)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setTcpNoDelay(true);
    }

    /** Starts listening on the relay loop; returns the port actually bound (useful when {@code PORT=0}). */
    public int start() {
        Vertx vertx = transport.vertx();
        workers = vertx.createSharedWorkerExecutor("highway-api", API_WORKERS, 60, TimeUnit.SECONDS);
        Replies replies = new Replies(out, workers);
        CompletableFuture<HttpServer> bound = new CompletableFuture<>();
        transport.relay().runOnContext(v -> {
            HttpServer s = vertx.createHttpServer(serverOptions());
            // a peer that resets its connection (a carrier hanging up, a client going away) is routine: the
            // socket's own handlers record what it means; without this Vert.x logs each one as an ERROR
            s.exceptionHandler(e -> log.debug("Connection error: {}", e.getMessage()));
            s.requestHandler(router(vertx, replies)).listen(config.port()).onComplete(ar -> {
                if (ar.succeeded()) {
                    bound.complete(ar.result());
                } else {
                    bound.completeExceptionally(ar.cause());
                }
            });
        });
        try {
            server = bound.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            workers.close();
            throw new IllegalStateException("The bridge cannot listen on port " + config.port() + " (is another "
                    + "program using it? set PORT to a free one): " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            workers.close();
            throw new IllegalStateException("The bridge did not start listening on port " + config.port()
                    + " within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.close();
            throw new IllegalStateException("Interrupted while starting to listen on port " + config.port(), e);
        }
        log.info("Highway bridge listening on port {} ({} mode); Twilio reaches it at {} ({} ms after the JVM started)",
                server.actualPort(), calls.simulated() ? "SIMULATION" : "live", config.publicBaseUrl(),
                java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
        return server.actualPort();
    }

    private Router router(Vertx vertx, Replies replies) {
        TokenGate gate = new TokenGate(auth, team, replies);
        CallRoutes live = new CallRoutes(calls, controls, numbers, json, replies);
        HistoryRoutes records = new HistoryRoutes(history, controls, json, replies);
        TeamRoutes people = new TeamRoutes(team, audit, json, replies);
        TwilioRoutes twilio = new TwilioRoutes(config, signatures, calls, media, replies);
        EventRoutes events = new EventRoutes(streams, replies);
        AudioLinkRoutes audio = new AudioLinkRoutes(calls, controls, audioLinks, audit, replies);

        Router router = Router.router(vertx);
        router.route().handler(gate::requireToken);
        // the upgrade is checked and taken before any body handling
        router.route(HttpMethod.GET, "/media-stream").handler(twilio::mediaStream);
        router.route(HttpMethod.GET, "/events").handler(events::events);
        router.route(HttpMethod.GET, "/calls/:id/listen").handler(audio::listen);
        router.route(HttpMethod.GET, "/calls/:id/takeover").handler(audio::takeOver);
        // a campaign's list is larger than any other body (a body handler seen once is not run again)
        router.route(HttpMethod.POST, "/campaigns").handler(BodyHandler.create(false)
                .setBodyLimit(CampaignRoutes.MAX_LIST_BYTES));
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES)); // past the limit: 413

        Map<String, List<String>> allowed = new LinkedHashMap<>();
        allowed.put("/events", new ArrayList<>(List.of(HttpMethod.GET.name())));
        allowed.put("/calls/:id/listen", new ArrayList<>(List.of(HttpMethod.GET.name())));
        allowed.put("/calls/:id/takeover", new ArrayList<>(List.of(HttpMethod.GET.name())));
        on(router, allowed, HttpMethod.GET, "/health", live::health);
        on(router, allowed, HttpMethod.POST, "/call-customer", live::callCustomer);
        on(router, allowed, HttpMethod.GET, "/calls", records::listCalls);
        on(router, allowed, HttpMethod.GET, "/calls/export.csv", records::exportCsv);
        on(router, allowed, HttpMethod.GET, "/calls/export.json", records::exportJson);
        on(router, allowed, HttpMethod.GET, "/calls/:id", records::getCall);
        on(router, allowed, HttpMethod.DELETE, "/calls/:id", records::deleteCall);
        on(router, allowed, HttpMethod.POST, "/calls/:id/hangup", live::hangUp);
        if (powers != null) {
            PowerRoutes steer = new PowerRoutes(powers, json, replies);
            on(router, allowed, HttpMethod.POST, "/calls/:id/whisper", steer::whisper);
            on(router, allowed, HttpMethod.POST, "/calls/:id/say", steer::say);
            on(router, allowed, HttpMethod.POST, "/calls/:id/mute", steer::mute);
            on(router, allowed, HttpMethod.POST, "/calls/:id/unmute", steer::unmute);
            on(router, allowed, HttpMethod.POST, "/calls/:id/transfer", steer::transfer);
        }
        if (campaigns != null) {
            CampaignRoutes lists = new CampaignRoutes(campaigns, json, replies, campaigns.bridgeCallsPerSecond());
            on(router, allowed, HttpMethod.POST, "/campaigns", lists::create);
            on(router, allowed, HttpMethod.GET, "/campaigns", lists::list);
            on(router, allowed, HttpMethod.GET, "/campaigns/:id", lists::progress);
            on(router, allowed, HttpMethod.GET, "/campaigns/:id/results", lists::results);
            on(router, allowed, HttpMethod.POST, "/campaigns/:id/start", lists::start);
            on(router, allowed, HttpMethod.POST, "/campaigns/:id/pause", lists::pause);
            on(router, allowed, HttpMethod.POST, "/campaigns/:id/resume", lists::resume);
            on(router, allowed, HttpMethod.POST, "/campaigns/:id/cancel", lists::cancel);
            on(router, allowed, HttpMethod.POST, "/campaigns/:id/requeue", lists::requeue);
        }
        on(router, allowed, HttpMethod.GET, "/people", people::listPeople);
        on(router, allowed, HttpMethod.POST, "/people", people::addPerson);
        on(router, allowed, HttpMethod.POST, "/people/:user/disable", people::disablePerson);
        on(router, allowed, HttpMethod.POST, "/people/:user/enable", people::enablePerson);
        on(router, allowed, HttpMethod.POST, "/people/:user/role", people::changeRole);
        on(router, allowed, HttpMethod.POST, "/people/:user/tokens", people::issueToken);
        on(router, allowed, HttpMethod.GET, "/tokens", people::listTokens);
        on(router, allowed, HttpMethod.POST, "/tokens/:id/revoke", people::revokeToken);
        on(router, allowed, HttpMethod.GET, "/audit", people::audit);
        on(router, allowed, HttpMethod.POST, "/twilio/status", twilio::twilioStatus);
        on(router, allowed, HttpMethod.POST, "/twilio/amd", twilio::machineDetection);
        on(router, allowed, HttpMethod.POST, "/twilio/transfer-whisper/:id", twilio::transferWhisper);
        if (settingsStores != null) {
            SettingsRoutes console = new SettingsRoutes(settingsStores, config, calls, json, replies);
            on(router, allowed, HttpMethod.GET, "/settings", console::getSettings);
            on(router, allowed, HttpMethod.PUT, "/settings", console::putSettings);
            on(router, allowed, HttpMethod.GET, "/prompts", console::getPrompts);
            on(router, allowed, HttpMethod.POST, "/prompts", console::postPrompt);
            on(router, allowed, HttpMethod.GET, "/prices", console::getPrices);
            on(router, allowed, HttpMethod.PUT, "/prices", console::putPrices);
            on(router, allowed, HttpMethod.GET, "/facts", console::getFacts);
        }
        Supplier<String> scrape = metrics;
        // a scrape reads every meter (histograms included): on a worker, never on the relay loop
        // supervisors and admins (Prometheus gets a supervisor's token): the figures cover every agent's calls
        on(router, allowed, HttpMethod.GET, "/metrics", ctx -> {
            if (!Access.actor(ctx).maySupervise()) {
                ctx.fail(Refusal.forbidden("The bridge's metrics cover every call: a supervisor's or admin's token is "
                        + "needed"));
                return;
            }
            replies.blocking(ctx, () -> new Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                    Buffer.buffer(scrape.get())));
        });
        // a known path with the wrong method: 405 with an Allow header
        allowed.forEach((path, methods) -> {
            String allow = String.join(", ", methods);
            router.route(path).handler(ctx -> replies.methodNotAllowed(ctx, allow));
        });
        router.route().handler(replies::notFound);
        router.route().failureHandler(replies::failed);
        return router;
    }

    private static void on(Router router, Map<String, List<String>> allowed, HttpMethod method, String path,
            Handler<RoutingContext> handler) {
        router.route(method, path).handler(handler);
        allowed.computeIfAbsent(path, p -> new ArrayList<>()).add(method.name());
    }

    public int port() {
        return server.actualPort();
    }

    /** Stops listening and closes every connection still open (the relay's runtime itself is the bridge's). */
    @Override
    public void close() {
        HttpServer s = server;
        server = null;
        audioLinks.close();
        if (s != null) {
            try {
                s.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("Stopping the API server: {}", e.getMessage());
            }
        }
        if (workers != null) {
            workers.close();
        }
    }
}
