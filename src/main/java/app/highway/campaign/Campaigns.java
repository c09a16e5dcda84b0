package app.highway.campaign;

import app.highway.call.CallEvent;
import app.highway.call.NumberPolicy;
import app.highway.call.Scheduler;
import app.highway.event.EventBus;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.AuditAction;
import app.highway.team.Refusal;
import app.highway.twilio.TwilioGateway;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's campaigns: creating one from a checked list, starting, pausing, resuming and canceling it, its
 * progress and results, and picking up where they were after a restart ({@link #recover()}). Who may do what:
 * supervisors and admins, any campaign; agents only their own, and only when {@code HIGHWAY_AGENT_CAMPAIGNS=true}.
 * Every control action is audited ({@code campaign.create}, {@code campaign.start}, ...); a campaign's calls are
 * placed as its owner but not audited one by one.
 * Every method may block (the store); none is called on the relay loop.
 */
public final class Campaigns implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Campaigns.class);

    /** How the bridge around the campaigns is set: its pace, its number policy, who may run campaigns. */
    public record Settings(double bridgeCallsPerSecond, NumberPolicy numbers, String defaultCountry,
            boolean agentCampaigns) { }

    /**
     * The time campaigns go by: when rows are due (calling hours, retries) and the wake-ups for them. Real time
     * in the bridge; tests pass a virtual clock and scheduler.
     */
    public record Time(Clock clock, Scheduler scheduler) {
        public static Time real() {
            return new Time(Clock.systemUTC(), Scheduler.realTime("campaign-timers"));
        }
    }

    /** A new campaign and what its list came to. */
    public record Created(CampaignRecord campaign, Preview preview) { }

    private final CampaignStore store;
    private final Audit audit;
    private final Settings settings;
    private final Clock clock;
    private final Recovery recovery;
    private final CampaignRunner.Context context;
    private final Map<String, CampaignRunner> runners = new ConcurrentHashMap<>();
    private final Map<String, CampaignRunner> routes = new ConcurrentHashMap<>();
    private final ExecutorService dials = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "campaign-dial");
        t.setDaemon(true);
        return t;
    });
    private final AutoCloseable subscription;
    private final SecureRandom random = new SecureRandom();
    /** Who owns each campaign this bridge has touched: a change is told to its owner and the supervisors. */
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<CampaignChange>> watchers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /**
     * {@code clock} and {@code scheduler} decide when rows are due (calling hours, retries): tests pass virtual
     * ones. {@code events}: the bridge's call events, by which each campaign call's end is known.
     */
    public Campaigns(CampaignStore store, Dialer dialer, CallLookup calls, TwilioGateway twilio,
            EventBus<CallEvent> events, Clock clock, Scheduler scheduler, Settings settings, Audit audit) {
        this.store = store;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.recovery = new Recovery(store, calls, twilio, clock);
        this.context = new CampaignRunner.Context(new WatchedStore(store, this::changed), dialer, dials, clock,
                scheduler, routes);
        this.subscription = events.subscribe(this::route);
    }

    private void route(CallEvent event) {
        CampaignRunner runner = routes.get(event.callId());
        if (runner != null) {
            runner.onEvent(event);
        }
    }

    /** The bridge's pace, which campaigns share with calls placed by hand (a campaign's own is at most this). */
    public double bridgeCallsPerSecond() {
        return settings.bridgeCallsPerSecond();
    }

    // ---- changes

    /**
     * Tells {@code watcher} each time a campaign's state or one of its rows changes (its id and owner: the event
     * stream tells the consoles that may see it). It runs on the thread that made the change and must not block;
     * closing the answer stops it.
     */
    public AutoCloseable watch(java.util.function.Consumer<CampaignChange> watcher) {
        watchers.add(watcher);
        return () -> watchers.remove(watcher);
    }

    private void changed(String campaignId) {
        CampaignChange change = new CampaignChange(campaignId, owners.get(campaignId));
        for (java.util.function.Consumer<CampaignChange> w : watchers) {
            try {
                w.accept(change);
            } catch (RuntimeException e) {
                log.warn("A campaign watcher failed: {}", e.toString());
            }
        }
    }

    // ---- who may

    /** Whether {@code actor} may run campaigns at all (supervisors and admins; agents if the bridge allows it). */
    public boolean mayRunCampaigns(Actor actor) {
        return actor.maySupervise() || settings.agentCampaigns();
    }

    private void mayRun(Actor actor) {
        if (!mayRunCampaigns(actor)) {
            throw Refusal.forbidden("Campaigns are for supervisors and admins (" + actor.describe() + "); set "
                    + "HIGHWAY_AGENT_CAMPAIGNS=true to let agents run their own");
        }
    }

    private CampaignRecord visible(Actor actor, String id) {
        mayRun(actor);
        CampaignRecord record = Optional.ofNullable(runners.get(id)).map(CampaignRunner::record)
                .or(() -> store.campaign(id))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "not_found", "No campaign " + id));
        owners.putIfAbsent(id, record.owner());
        if (!actor.maySupervise() && !actor.user().equals(record.owner())) {
            throw Refusal.forbidden("Campaign " + id + " belongs to " + record.owner() + ": " + actor.describe()
                    + " runs only their own");
        }
        return record;
    }

    // ---- creating

    /** Checks {@code list} without keeping anything: what creating the campaign would say. */
    public Preview preview(Actor by, CampaignImport.RawList list, ColumnMapping mapping, CampaignPlan plan) {
        mayRun(by);
        return previewOf(checker().check(list, mapping), effective(plan));
    }

    /** Creates a campaign ({@code ready}: nothing is dialled until it is started) from the good rows of {@code list}. */
    public Created create(Actor by, CampaignImport.RawList list, ColumnMapping mapping, CampaignPlan plan) {
        mayRun(by);
        CampaignImport.Checked checked = checker().check(list, mapping);
        CampaignPlan effective = effective(plan);
        CampaignRecord record = new CampaignRecord("cmp-" + HexFormat.of().formatHex(randomBytes()), by.user(),
                effective, CampaignState.READY, clock.instant(), null, null, checked.total(),
                checked.problems().size());
        owners.put(record.id(), record.owner());
        store.create(record, checked.rows(), checked.problems());
        audit.record(by, AuditAction.CAMPAIGN_CREATE, record.id(), effective.name() + ": " + checked.rows().size()
                + " row(s) to dial, " + checked.problems().size() + " skipped");
        changed(record.id());
        log.info("Campaign {} ({}) created by {}: {} row(s), {} skipped", record.id(), effective.name(), by.user(),
                checked.total(), checked.problems().size());
        return new Created(record, previewOf(checked, effective));
    }

    private CampaignImport checker() {
        return new CampaignImport(settings.numbers(), settings.defaultCountry());
    }

    /** The plan with its pace capped at the bridge's (which calls placed by hand share). */
    private CampaignPlan effective(CampaignPlan plan) {
        double cps = Math.min(plan.callsPerSecond(), settings.bridgeCallsPerSecond());
        return new CampaignPlan(plan.name(), cps, plan.maxConcurrent(), plan.hours(), plan.retries(),
                plan.voicemail());
    }

    private static Preview previewOf(CampaignImport.Checked checked, CampaignPlan plan) {
        return new Preview(checked.total(), checked.rows().size(), checked.problems(), checked.variables(),
                plan.callsPerSecond(), plan.maxConcurrent(),
                Preview.estimateSeconds(checked.rows().size(), plan.callsPerSecond(), plan.maxConcurrent()));
    }

    // ---- control

    /** Starts a ready campaign ({@code test}: dial only its next row, then it is ready again); a paused one resumes. */
    public CampaignRecord start(Actor by, String id, boolean test) {
        CampaignRecord record = visible(by, id);
        switch (record.state()) {
            case READY -> runner(record).start(test);
            case PAUSED -> {
                if (test) {
                    throw conflict("Campaign " + id + " is paused: resume it (a test call is for a campaign not "
                            + "started yet)");
                }
                runner(record).resume();
            }
            case RUNNING -> throw conflict("Campaign " + id + " is already running");
            default -> throw conflict("Campaign " + id + " is " + record.state().wire() + ": it cannot start again");
        }
        audit.record(by, record.state() == CampaignState.PAUSED ? AuditAction.CAMPAIGN_RESUME
                : AuditAction.CAMPAIGN_START, id, test ? "test call: the next row only" : null);
        return runners.get(id).record();
    }

    public CampaignRecord pause(Actor by, String id) {
        return turn(by, id, CampaignState.RUNNING, "running", CampaignRunner::pause, AuditAction.CAMPAIGN_PAUSE);
    }

    public CampaignRecord resume(Actor by, String id) {
        return turn(by, id, CampaignState.PAUSED, "paused", CampaignRunner::resume, AuditAction.CAMPAIGN_RESUME);
    }

    /** Pause or resume: refused (409) unless the campaign is {@code from}; audited. */
    private CampaignRecord turn(Actor by, String id, CampaignState from, String fromWords,
            java.util.function.Consumer<CampaignRunner> action, AuditAction audited) {
        CampaignRecord record = visible(by, id);
        if (record.state() != from) {
            throw conflict("Campaign " + id + " is " + record.state().wire() + ", not " + fromWords);
        }
        CampaignRunner runner = runner(record);
        action.accept(runner);
        audit.record(by, audited, id, null);
        return runner.record();
    }

    /** Cancels: no new dial; rows not dialled are canceled; calls under way go on to their end. */
    public CampaignRecord cancel(Actor by, String id) {
        CampaignRecord record = visible(by, id);
        if (record.state().isFinal()) {
            throw conflict("Campaign " + id + " is already " + record.state().wire());
        }
        CampaignRunner runner = runner(record);
        runner.cancel();
        audit.record(by, AuditAction.CAMPAIGN_CANCEL, id, null);
        return runner.record();
    }

    /**
     * Dials again the rows left {@code needs_review} (the bridge stopped while Twilio was being asked to ring them:
     * the operator checked Twilio's call log and found they did not ring). They are pending again: a running
     * campaign dials them at once, a paused one on resume, a completed one is ready again (start it). Refused
     * (409) for a canceled campaign or one without such rows.
     */
    public Requeued requeue(Actor by, String id) {
        CampaignRecord record = visible(by, id);
        if (record.state() == CampaignState.CANCELED) {
            throw conflict("Campaign " + id + " was canceled: its rows are not dialled any more");
        }
        CampaignRunner runner = runner(record);
        CampaignRunner.Requeue done = runner.requeue();
        if (done.requeued() == 0) {
            throw conflict(done.withoutCode() > 0 ? "Campaign " + id + ": the rows to review no longer have their "
                    + "code (it is deleted once a row is final): import them again in a new campaign"
                    : "Campaign " + id + " has no row that needs review");
        }
        audit.record(by, AuditAction.CAMPAIGN_REQUEUE, id, done.requeued() + " row(s) to review dialled again");
        return new Requeued(runner.record(), done.requeued());
    }

    /** What {@link #requeue} did: the campaign as it now stands and how many rows are pending again. */
    public record Requeued(CampaignRecord campaign, int rows) { }

    private static Refusal conflict(String message) {
        return new Refusal(Refusal.Kind.CONFLICT, "campaign_state", message);
    }

    private synchronized CampaignRunner runner(CampaignRecord record) {
        if (closed) {
            throw new IllegalStateException("The bridge is stopping");
        }
        owners.putIfAbsent(record.id(), record.owner());
        return runners.computeIfAbsent(record.id(),
                id -> new CampaignRunner(context, record, store.rows(id), settings.bridgeCallsPerSecond()));
    }

    // ---- reading

    /** The campaigns {@code by} may see, newest first: every one for a supervisor, their own for an agent. */
    public List<CampaignRecord> list(Actor by) {
        mayRun(by);
        List<CampaignRecord> all = new ArrayList<>();
        for (CampaignRecord stored : store.campaigns()) {
            CampaignRecord live = Optional.ofNullable(runners.get(stored.id())).map(CampaignRunner::record)
                    .orElse(stored);
            owners.putIfAbsent(live.id(), live.owner());
            if (by.maySupervise() || by.user().equals(live.owner())) {
                all.add(live);
            }
        }
        return all;
    }

    public CampaignProgress progress(Actor by, String id) throws InterruptedException {
        CampaignRecord record = visible(by, id);
        CampaignRunner runner = runners.get(id);
        if (runner != null) {
            return runner.progress();
        }
        List<StoredRow> rows = store.rows(id);
        return CampaignProgress.of(record, rows.stream().map(StoredRow::row).toList(),
                rows.stream().map(StoredRow::progress).toList(), clock.instant());
    }

    /**
     * Every row with its attempts, from the store (an attempt under way shows as it was last written). Numbers
     * are masked unless {@code unmasked}, which only an admin may ask for; codes are never included.
     */
    public CampaignResults results(Actor by, String id, boolean unmasked) {
        CampaignRecord record = visible(by, id);
        if (unmasked && !by.mayAdminister()) {
            throw Refusal.forbidden("Unmasked numbers are for admins (" + by.describe() + ")");
        }
        return CampaignResults.of(record, store.rows(id), store.attempts(id), !unmasked);
    }

    // ---- restart

    /**
     * Picks campaigns up where the last run of the bridge left them: every attempt it left unfinished is
     * reconciled first ({@link Recovery}), then running campaigns go on; paused ones stay paused. Run once at
     * start, after the bridge's own crash recovery.
     */
    public void recover() {
        for (CampaignRecord record : store.campaigns()) {
            if (record.state().isFinal() || closed) {
                continue;
            }
            try {
                recovery.reconcile(record);
                if (record.state() == CampaignState.RUNNING) {
                    log.info("Campaign {} ({}) goes on after the bridge restarted", record.id(), record.plan().name());
                    runner(record).resume();
                }
            } catch (RuntimeException e) {
                log.error("Campaign {} could not be picked up after the restart: {}", record.id(), e.getMessage());
            }
        }
    }

    /** Stops dialling (the bridge is stopping); what was written stays for the next start. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("Unsubscribing campaigns: {}", e.getMessage());
        }
        runners.values().forEach(CampaignRunner::close);
        dials.shutdown();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[6];
        random.nextBytes(bytes);
        return bytes;
    }
}
