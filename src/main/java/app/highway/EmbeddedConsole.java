package app.highway;

import app.highway.call.CallSnapshot;
import app.highway.config.PromptHistory;
import app.highway.config.Secret;
import app.highway.config.SettingsStore;
import app.highway.control.CallControls;
import app.highway.control.SettingsControls;
import app.highway.remote.LiveCalls;
import app.highway.sim.CallSimulator;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.stream.EventStreamClient;
import app.highway.team.Actor;
import app.highway.team.ApiToken;
import app.highway.team.Audit;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Role;
import app.highway.team.Team;
import app.highway.usage.PriceStore;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's services over a bridge in the same process: small adapters from the bridge's own
 * services to the {@link ConsoleServices} interfaces, nothing more. The console acts as {@code actor}
 * (the owner: whoever runs the bridge), so its actions go through the same controls as the API's and
 * are audited alike; the simulation places its calls as the owner too. A console attached to a remote
 * bridge (team mode) implements the same interfaces over the network.
 *
 * <p>Live calls are the exception to "in the same process": the console follows them over the bridge's
 * own {@code /events} stream on loopback, with the bridge's token, through the same {@link LiveCalls} a
 * remote console uses, so that what a console shows of a live call comes by one code path whichever the
 * console. The owner placed the console's calls, so the stream shows them their codes as they typed them.
 * The same stream says when the settings, prices or system-message versions changed ({@code settings_changed}:
 * sent after every save here, whoever made it, and after a reload of a change made on another bridge of the
 * fleet), so the console's open tabs follow them as a remote console's do.
 */
final class EmbeddedConsole {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedConsole.class);
    /** How long the console waits for its stream's first snapshot before showing (a loopback connection). */
    private static final Duration FIRST_SNAPSHOT = Duration.ofSeconds(10);

    private EmbeddedConsole() {
    }

    /**
     * Follows the live calls of the bridge listening on {@code port} of this machine, with its own
     * {@code token} (so as its owner). Connecting starts a network client, so it runs on a thread of its
     * own, never the caller's (which may be the FX thread); {@link #awaitFirstSnapshot} waits for it.
     */
    static LiveCalls follow(int port, Secret token, CallHistory history) {
        LiveCalls live = new LiveCalls(URI.create("http://127.0.0.1:" + port), token, history::find, () -> { },
                EventStreamClient.Options.defaults());
        Thread connecting = new Thread(live::start, "console-stream-start");
        connecting.setDaemon(true);
        connecting.start();
        return live;
    }

    /** Waits (briefly) until {@code live} holds every live call; blocks, so off the FX thread. */
    static void awaitFirstSnapshot(LiveCalls live) {
        try {
            if (!live.awaitFirstSnapshot(FIRST_SNAPSHOT)) {
                log.warn("The console's event stream at {} gave no snapshot within {} s ({}); it goes on trying",
                        live.bridge(), FIRST_SNAPSHOT.toSeconds(), live.state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the console connected to its bridge", e);
        }
    }

    static ConsoleServices services(Actor actor, LiveCalls live, CallControls controls, SettingsControls changes,
            CallHistory history, SettingsStore settings, PriceStore prices, PromptHistory prompts, Team team,
            Audit audit, boolean simulate, ConsoleServices.Facts facts, ConsoleServices.Powers powers,
            app.highway.campaign.Campaigns campaigns) {
        ConsoleServices.Calls calls = new ConsoleServices.Calls() {
            @Override
            public CallSnapshot place(String to, String code, String note) throws Exception {
                return controls.place(actor, to, code, note).snapshot();
            }

            @Override
            public boolean hangUp(String idOrSid) {
                return controls.hangUp(actor, idOrSid) == CallControls.HangUp.HANGING_UP;
            }

            @Override
            public Optional<CallSnapshot> snapshot(String id) {
                return live.snapshot(id);
            }
        };
        ConsoleServices.History past = new ConsoleServices.History() {
            @Override
            public Optional<CallSnapshot> find(String idOrSid) {
                return history.find(idOrSid);
            }

            @Override
            public CallPage list(CallQuery query) {
                return history.list(query);
            }

            @Override
            public CallHistory.Deletion delete(String idOrSid) {
                return controls.delete(actor, idOrSid);
            }
        };
        ConsoleServices.Prompts versions = new ConsoleServices.Prompts() {
            @Override
            public List<PromptHistory.Version> versions() {
                return prompts.versions();
            }

            @Override
            public PromptHistory.Version save(String instructions, String template) {
                return changes.savePrompt(actor, instructions, template);
            }
        };
        ConsoleServices.Team people = new ConsoleServices.Team() {
            @Override
            public Actor actor() {
                return actor;
            }

            @Override
            public List<Person> people() {
                return actor.maySupervise() ? team.people(actor) : List.of();
            }

            @Override
            public AuditPage audit(AuditQuery query) {
                return audit.read(actor, query);
            }

            @Override
            public List<ApiToken> tokens() {
                return team.tokens(actor, null);
            }

            @Override
            public IssuedToken addPerson(String user, String name, Role role, String label) {
                Person added = team.addPerson(actor, user, name, role);
                return team.issueToken(actor, added.user(), label);
            }

            @Override
            public IssuedToken issueToken(String user, String label) {
                return team.issueToken(actor, user, label);
            }

            @Override
            public ApiToken revoke(String tokenId) {
                return team.revoke(actor, tokenId);
            }

            @Override
            public Person disable(String user) {
                return team.disable(actor, user);
            }

            @Override
            public Person enable(String user) {
                return team.enable(actor, user);
            }

            @Override
            public Person changeRole(String user, Role role) {
                return team.changeRole(actor, user, role);
            }
        };
        Optional<IntConsumer> simulator = simulate ? Optional.of(new CallSimulator(
                (to, code, note) -> controls.place(actor, to, code, note), new Random())) : Optional.empty();
        return new ConsoleServices(calls, live::subscribe, past,
                ConsoleServices.Stored.of(settings::current, s -> changes.saveSettings(actor, s)),
                ConsoleServices.Stored.of(prices::current, p -> changes.savePrices(actor, p)), versions, simulator, facts,
                people, powers, live::watchSettings,
                new EmbeddedCampaigns(campaigns, actor, live, app.highway.config.Json.mapper()));
    }
}
