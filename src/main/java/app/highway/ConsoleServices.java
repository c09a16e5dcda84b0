package app.highway;

import app.highway.audiolink.AudioLinkSession;
import app.highway.audiolink.AudioSink;
import app.highway.audiolink.AudioSource;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.NumberPolicy;
import app.highway.config.CallSettings;
import app.highway.config.PromptHistory;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.team.Actor;
import app.highway.team.ApiToken;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Role;
import app.highway.usage.PriceTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Everything the console uses of a bridge, as small interfaces: the bridge hands it over instead of
 * the console reaching into the bridge's services. {@link Bridge#start} builds one from the objects
 * it already has; a remote console (team mode) will implement the same interfaces over the network.
 *
 * <p>Methods marked "may block" touch the disk or the network: the console calls them off the FX
 * thread. The others read memory.
 *
 * @param calls         place a call, hang up, the live snapshot of a call
 * @param events        the call events, as they are published
 * @param history       every call, live or past (redacted)
 * @param settings      the call settings the next call uses
 * @param prices        the price table the next call is priced with
 * @param prompts       the saved versions of the system message
 * @param simulateCalls in simulation only: places that many believable calls (may block)
 * @param facts         what the console shows about the bridge
 * @param team          who the console acts as, the people on the bridge, the audit log
 * @param powers        a supervisor's powers on a live call: whisper, say, mute, transfer, listen in, take over
 * @param changes       tells the console when the settings, prices or system-message versions changed
 * @param campaigns     verification calls in bulk from a list: preview, create, control, progress, results
 */
public record ConsoleServices(Calls calls, Events events, History history, Stored<CallSettings> settings,
        Stored<PriceTable> prices, Prompts prompts, Optional<IntConsumer> simulateCalls, Facts facts, Team team,
        Powers powers, SettingsChanges changes, CampaignDesk campaigns) {

    /** A console without campaigns (tests that build their own services). */
    public ConsoleServices(Calls calls, Events events, History history, Stored<CallSettings> settings,
            Stored<PriceTable> prices, Prompts prompts, Optional<IntConsumer> simulateCalls, Facts facts, Team team,
            Powers powers, SettingsChanges changes) {
        this(calls, events, history, settings, prices, prompts, simulateCalls, facts, team, powers, changes,
                CampaignDesk.NONE);
    }

    /**
     * Campaigns as the console runs them, the same from the embedded console (the bridge's {@code Campaigns}, as
     * the owner) and a remote one (the {@code /campaigns} API, as the person whose token it holds): the bridge
     * checks who may, which state allows what, and audits. Every method but {@link #available} and
     * {@link #watch} may block: the console calls them off the FX thread. A refusal is a
     * {@link app.highway.team.Refusal} with the bridge's words; a list that cannot be read at all a
     * {@link app.highway.campaign.CampaignInputException} (embedded) or a Refusal saying why (remote).
     */
    public interface CampaignDesk {
        /** Campaigns for nobody (a console built without them). */
        CampaignDesk NONE = new CampaignDesk() {
            @Override
            public boolean available() {
                return false;
            }

            @Override
            public app.highway.campaign.Preview preview(CampaignList list) {
                throw unavailable();
            }

            @Override
            public app.highway.campaign.Campaigns.Created create(CampaignList list) {
                throw unavailable();
            }

            @Override
            public List<app.highway.campaign.CampaignRecord> list() {
                return List.of();
            }

            @Override
            public app.highway.campaign.CampaignProgress progress(String id) {
                throw unavailable();
            }

            @Override
            public app.highway.campaign.CampaignRecord control(String id, CampaignAction action) {
                throw unavailable();
            }

            @Override
            public app.highway.campaign.Campaigns.Requeued requeue(String id) {
                throw unavailable();
            }

            @Override
            public String results(String id, ResultFormat format) {
                throw unavailable();
            }

            @Override
            public AutoCloseable watch(Consumer<List<String>> changed) {
                return () -> { };
            }

            private IllegalStateException unavailable() {
                return new IllegalStateException("This console has no campaigns");
            }
        };

        /** Whether the console's person may run campaigns here (reads memory). */
        boolean available();

        /** What creating a campaign from {@code list} would say, keeping nothing. */
        app.highway.campaign.Preview preview(CampaignList list);

        /** A new campaign, ready (nothing dialled until it is started), and what its list came to. */
        app.highway.campaign.Campaigns.Created create(CampaignList list);

        /** The campaigns the person may see, newest first. */
        List<app.highway.campaign.CampaignRecord> list();

        /** One campaign's progress: rows by state and outcome, time left, each row (numbers masked). */
        app.highway.campaign.CampaignProgress progress(String id);

        /** Starts (or a test call), pauses, resumes or cancels a campaign; the answer: as it now stands. */
        app.highway.campaign.CampaignRecord control(String id, CampaignAction action);

        /** Dials again the rows left {@code needs_review}. */
        app.highway.campaign.Campaigns.Requeued requeue(String id);

        /** The results, one row a line (CSV) or with every attempt (JSON): numbers masked, codes never. */
        String results(String id, ResultFormat format);

        /**
         * Tells {@code changed} the ids of campaigns that changed (an empty list: any may have); on a background
         * thread, and it must not block. Closing the answer stops it.
         */
        AutoCloseable watch(Consumer<List<String>> changed);
    }

    /** A list to import: the CSV as read from the file, which column is which, and how to dial it. */
    public record CampaignList(byte[] csv, app.highway.campaign.ColumnMapping mapping,
            app.highway.campaign.CampaignPlan plan) { }

    /** What a person does to a campaign. */
    public enum CampaignAction { START, TEST, PAUSE, RESUME, CANCEL }

    /** How results are exported. */
    public enum ResultFormat { CSV, JSON }

    /**
     * Tells a subscriber that the settings, prices or system-message versions may have changed (saved by this
     * console, another console, the API or another bridge of the fleet, or after a reconnection): by then
     * {@link Stored#current()} and {@link Prompts#versions()} read the new values. The subscriber runs on a
     * background thread and must not block; closing the answer stops it.
     */
    @FunctionalInterface
    public interface SettingsChanges {
        AutoCloseable subscribe(Runnable subscriber);
    }

    /**
     * A supervisor's powers on a live call ({@code id}: the call's id or CallSid), the same from the embedded
     * console and a remote one: both go through the bridge's HTTP API and its call-audio link
     * ({@code remote.RemotePowers}), so the bridge checks the role, audits and records each use alike. Every
     * method may block (the network): the console calls them off the FX thread. A refusal is a
     * {@link app.highway.team.Refusal} whose message is the bridge's (403: the role may not; 404: no such
     * call; 409: not live, muted, taken over, or on another bridge of the fleet); a bridge that cannot be
     * reached a {@code remote.BridgeUnavailable}.
     */
    public interface Powers {
        /** Tells the assistant {@code text} as a system message; with {@code respond} it answers at once. */
        void whisper(String id, String text, boolean respond);

        /** Has the assistant say {@code text} word for word next. */
        void say(String id, String text);

        /** Mutes the assistant (it stops speaking at once; the caller is still heard); the answer: muted. */
        boolean mute(String id);

        /** Lets the assistant answer again; the answer: still muted (false). */
        boolean unmute(String id);

        /** Sends the call to {@code to} (null: the bridge's transfer number), cold or warm (a summary first). */
        void transfer(String id, String to, boolean warm);

        /** Listens in: the call as the caller hears it plays on {@code output} until the answer is closed. */
        AudioLinkSession listen(String id, AudioSink output);

        /**
         * Takes the call over by voice: {@code input} goes to the caller, the caller's audio to {@code output};
         * closing the answer hands the call back to the assistant.
         */
        AudioLinkSession takeOver(String id, AudioSource input, AudioSink output);
    }

    /** Live calls. */
    public interface Calls {
        /** Places a call (may block: waits for its turn under the pace, then asks the carrier). */
        CallSnapshot place(String to, String code, String note) throws Exception;

        /** Ends a live call (may block); false if it had already ended. */
        boolean hangUp(String idOrSid);

        /** The current state of a call the bridge holds in memory. */
        Optional<CallSnapshot> snapshot(String id);
    }

    /** The call events; the subscriber must not block (it runs on the publisher's thread). */
    @FunctionalInterface
    public interface Events {
        AutoCloseable subscribe(Consumer<? super CallEvent> subscriber);
    }

    /** Past and live calls, redacted. Every method may block. */
    public interface History {
        Optional<CallSnapshot> find(String idOrSid);

        CallPage list(CallQuery query);

        CallHistory.Deletion delete(String idOrSid);
    }

    /** A value kept on disk: {@link #current()} reads memory, {@link #save} may block (and may refuse). */
    public interface Stored<T> {
        T current();

        void save(T value);

        static <T> Stored<T> of(Supplier<T> current, Consumer<T> save) {
            return new Stored<>() {
                @Override
                public T current() {
                    return current.get();
                }

                @Override
                public void save(T value) {
                    save.accept(value);
                }
            };
        }
    }

    /**
     * Who the console acts as (the embedded bridge's console: the owner), the people on the bridge (to
     * filter calls by who placed them), the audit log (supervisors and admins), and managing people and
     * their tokens (admins). The lists may block.
     */
    public interface Team {
        Actor actor();

        /** Everyone on the bridge, by user name; empty for someone who may not list them. */
        List<Person> people();

        /** A page of the audit log, newest first (refused for an agent). */
        AuditPage audit(AuditQuery query);

        // People and tokens (the People tab): admins only, refused for anyone else with a Refusal that says
        // why. Each may block, and each goes through the bridge's Team, audited as the console's actor.

        /** Every token, oldest first: never its secret. */
        List<ApiToken> tokens();

        /** Adds a person and issues their first token, whose secret is in the answer this once. */
        IssuedToken addPerson(String user, String name, Role role, String label);

        /** Another token for a person, whose secret is in the answer this once. */
        IssuedToken issueToken(String user, String label);

        /** Revokes a token: refused from its next request on. */
        ApiToken revoke(String tokenId);

        /** None of the person's tokens is accepted any more. */
        Person disable(String user);

        /** A disabled person may act again (with their tokens that were not revoked). */
        Person enable(String user);

        /** The person's role from their next request on. */
        Person changeRole(String user, Role role);
    }

    /** The saved versions of the system message; {@link #save} may block. */
    public interface Prompts {
        List<PromptHistory.Version> versions();

        PromptHistory.Version save(String instructions, String template);
    }

    /**
     * What the console shows about the bridge it runs over; {@code numbers} is the bridge's own number
     * policy, so that the form refuses while typing what the bridge would refuse; {@code defaultCountry}
     * (HIGHWAY_DEFAULT_COUNTRY, "" if unset) reads numbers typed without a country code;
     * {@code apiTokenFile} is where the control API's token is kept, empty when HIGHWAY_API_TOKEN sets it.
     */
    public record Facts(boolean simulated, int port, String modelHost, Path dataDir, NumberPolicy numbers,
            String defaultCountry, Optional<Path> apiTokenFile) { }
}
