package app.highway.campaign;

import app.highway.call.CallEvent;
import app.highway.call.CallRateExceeded;
import app.highway.call.CallState;
import app.highway.call.DialWithdrawn;
import app.highway.call.NumberNotAllowed;
import app.highway.call.Scheduler;
import app.highway.twilio.TwilioApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dials one campaign's rows. Its state lives on one thread of its own (the campaign's loop): control requests,
 * call events and timed wake-ups are all handed to it, so nothing here needs a lock and no event publisher ever
 * waits. The dials themselves run on the shared dial pool, because placing a call waits for its turn under the
 * bridge's pace and for Twilio's answer.
 *
 * <p>A row is dialled when the campaign runs, fewer than {@code maxConcurrent} of its calls are under way, the
 * row is due (a retry's delay has passed) and the callee's calling hours are open; otherwise it waits, and a
 * wake-up is set on the scheduler for when the soonest waiting row falls due. Pausing or canceling takes effect at
 * once for any dial still waiting for its turn under the pace: the {@link app.highway.call.DialGate} refuses it.
 */
final class CampaignRunner {
    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    /** A row and what the runner knows of it (touched on the loop only). */
    private static final class Entry {
        final CampaignRow row;
        RowState state;
        int attempts;
        Instant nextAt;
        Outcome outcome;
        String reflection;
        String detail;
        Attempt live;
        List<ZoneId> zones;

        Entry(CampaignRow row, RowProgress p) {
            this.row = row;
            this.state = p.state();
            this.attempts = p.attempts();
            this.nextAt = p.nextAt();
            this.outcome = p.outcome();
            this.reflection = p.reflection();
            this.detail = p.detail();
        }

        RowProgress progress() {
            return new RowProgress(row.line(), state, attempts, nextAt, outcome, reflection, detail);
        }
    }

    /** What the runner needs from the bridge around it. */
    record Context(CampaignStore store, Dialer dialer, Executor dials, Clock clock, Scheduler scheduler,
            Map<String, CampaignRunner> routes) { }

    private final Context ctx;
    /** How long a campaign's thread waits for work before it ends ({@code -Dhighway.campaignIdleMs}: tests). */
    private static Duration idle() {
        return Duration.ofMillis(Long.getLong("highway.campaignIdleMs", 30_000));
    }

    private final ExecutorService loop;
    private final Map<Integer, Entry> entries = new LinkedHashMap<>();
    private final ArrayDeque<Entry> fresh = new ArrayDeque<>();
    private final PriorityQueue<Entry> waiting = new PriorityQueue<>(
            Comparator.comparing((Entry e) -> e.nextAt).thenComparingInt(e -> e.row.line()));
    private final Map<String, Entry> byCall = new HashMap<>();
    private final Duration slotGap;
    private volatile CampaignRecord record;
    private volatile boolean closed;
    private int inFlight;
    private boolean testRun;
    private int testBudget;
    private Instant nextSlot = Instant.MIN;
    private Scheduler.Scheduled wake;
    private Instant wakeAt;

    /** {@code rows}: every row of the campaign as stored (no attempt left unfinished: see {@link Recovery}). */
    CampaignRunner(Context ctx, CampaignRecord record, List<StoredRow> rows, double bridgeCallsPerSecond) {
        this.ctx = ctx;
        this.record = record;
        double cps = record.plan().callsPerSecond();
        this.slotGap = cps < bridgeCallsPerSecond ? Duration.ofNanos((long) (1_000_000_000L / cps)) : null;
        // one thread at a time keeps the campaign's work in order; it ends when the campaign has been idle a while
        // (finished, paused, waiting for calling hours) and a new one starts with the next task, so finished
        // campaigns hold no thread
        ThreadPoolExecutor single = new ThreadPoolExecutor(1, 1, idle().toMillis(), TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "campaign-" + record.id());
                    t.setDaemon(true);
                    return t;
                });
        single.allowCoreThreadTimeOut(true);
        this.loop = single;
        for (StoredRow stored : rows) {
            Entry e = new Entry(stored.row(), stored.progress());
            entries.put(stored.row().line(), e);
            if (e.state == RowState.PENDING || e.state == RowState.DIALLING || e.state == RowState.IN_CALL) {
                e.state = RowState.PENDING;
                fresh.add(e);
            } else if (e.state == RowState.WAITING) {
                if (e.nextAt == null) {
                    e.nextAt = Instant.EPOCH;
                }
                waiting.add(e);
            }
        }
    }

    CampaignRecord record() {
        return record;
    }

    // ---- control (any thread)

    /** Starts (or, after a test call, goes on with) the campaign; {@code test}: dial only the next row, once. */
    void start(boolean test) {
        transition(CampaignState.RUNNING);
        loop.execute(() -> {
            testRun = test;
            testBudget = test ? 1 : 0;
            pump();
        });
    }

    /** No dial starts after this returns; calls under way go on to their end. */
    void pause() {
        transition(CampaignState.PAUSED);
    }

    void resume() {
        transition(CampaignState.RUNNING);
        loop.execute(this::pump);
    }

    /** No dial starts after this returns; rows not dialled yet are canceled; calls under way go on to their end. */
    void cancel() {
        transition(CampaignState.CANCELED);
        loop.execute(() -> {
            List<Entry> left = new ArrayList<>(fresh);
            left.addAll(waiting);
            fresh.clear();
            waiting.clear();
            for (Entry e : left) {
                e.state = RowState.CANCELED;
                e.nextAt = null;
                e.detail = "The campaign was canceled before this row was dialled"
                        + (e.attempts > 0 ? " again" : "");
                ctx.store().saveRow(record.id(), e.progress());
            }
        });
    }

    private synchronized void transition(CampaignState next) {
        Instant now = ctx.clock().instant();
        record = record.withState(next, now);
        ctx.store().setState(record.id(), next, now);
        log.info("Campaign {} ({}): {}", record.id(), record.plan().name(), next.wire());
    }

    /** What {@link #requeue} did: rows pending again, and rows to review that could not be (their code is gone). */
    record Requeue(int requeued, int withoutCode) { }

    /**
     * Rows left {@code needs_review} are pending again (waits for the loop, briefly): a running campaign dials
     * them, a completed one is ready again. A row whose code was already deleted stays as it is.
     */
    Requeue requeue() {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                int requeued = 0;
                int withoutCode = 0;
                for (Entry e : entries.values()) {
                    if (e.state != RowState.NEEDS_REVIEW) {
                        continue;
                    }
                    if (e.row.verification() == null || e.row.verification().isEmpty()) {
                        withoutCode++;
                        continue;
                    }
                    e.state = RowState.PENDING;
                    e.nextAt = null;
                    e.detail = "Reviewed: dialled again (attempt " + (e.attempts + 1) + ")";
                    fresh.add(e);
                    ctx.store().saveRow(record.id(), e.progress());
                    requeued++;
                }
                if (requeued > 0) {
                    if (record.state() == CampaignState.COMPLETED) {
                        transition(CampaignState.READY);
                    } else {
                        pump();
                    }
                }
                return new Requeue(requeued, withoutCode);
            }, loop).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while re-queuing the rows to review", e);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("The rows to review could not be re-queued: " + e.getMessage(), e);
        }
    }

    /** A call event; only those of this campaign's calls reach here (see {@link Campaigns}). */
    void onEvent(CallEvent event) {
        execute(() -> handle(event));
    }

    /** The progress as of now (waits for the loop, briefly). */
    CampaignProgress progress() throws InterruptedException {
        try {
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                List<CampaignRow> rows = new ArrayList<>(entries.size());
                List<RowProgress> standing = new ArrayList<>(entries.size());
                for (Entry e : entries.values()) {
                    rows.add(e.row);
                    standing.add(e.progress());
                }
                return CampaignProgress.of(record, rows, standing, ctx.clock().instant());
            }, loop).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            throw new IllegalStateException("The campaign's progress could not be read: " + e.getMessage(), e);
        }
    }

    /** Stops the loop (the bridge is stopping): no dial starts any more; what was written stays for the next start. */
    void close() {
        closed = true;
        loop.execute(() -> {
            if (wake != null) {
                wake.cancel();
            }
        });
        loop.shutdown();
        try {
            loop.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            log.debug("Campaign {} is stopped: a late task is dropped", record.id());
        }
    }

    // ---- the loop

    private void pump() {
        if (record.state() != CampaignState.RUNNING || closed) {
            return;
        }
        Instant now = ctx.clock().instant();
        while (inFlight < record.plan().maxConcurrent()) {
            if (testRun && testBudget == 0) {
                break;
            }
            Entry e = takeDue(now);
            if (e == null) {
                break;
            }
            Instant open = record.plan().hours().nextOpening(now, zones(e));
            if (open.isAfter(now)) {
                e.state = RowState.WAITING;
                e.nextAt = open;
                e.detail = "Outside calling hours until " + open;
                waiting.add(e);
                ctx.store().saveRow(record.id(), e.progress());
                continue;
            }
            if (slotGap != null) {
                if (now.isBefore(nextSlot)) {
                    fresh.addFirst(e);
                    e.state = e.state == RowState.WAITING ? RowState.PENDING : e.state;
                    wakeAt(nextSlot);
                    return;
                }
                nextSlot = now.plus(slotGap);
            }
            dial(e);
            if (testRun) {
                testBudget--;
            }
        }
        if (inFlight == 0 && fresh.isEmpty() && waiting.isEmpty() && !testRun) {
            transition(CampaignState.COMPLETED);
            return;
        }
        if (inFlight < record.plan().maxConcurrent() && !waiting.isEmpty() && !(testRun && testBudget == 0)) {
            wakeAt(waiting.peek().nextAt);
        }
    }

    private Entry takeDue(Instant now) {
        if (!waiting.isEmpty() && !waiting.peek().nextAt.isAfter(now)) {
            return waiting.poll();
        }
        return fresh.poll();
    }

    private List<ZoneId> zones(Entry e) {
        if (e.zones == null) {
            e.zones = TimeZones.of(e.row.to());
        }
        return e.zones;
    }

    private void wakeAt(Instant at) {
        Instant now = ctx.clock().instant();
        if (wake != null && wakeAt != null && !at.isBefore(wakeAt)) {
            return; // a wake-up as soon or sooner is set
        }
        if (wake != null) {
            wake.cancel();
        }
        wakeAt = at;
        Duration delay = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        wake = ctx.scheduler().schedule(delay, () -> execute(() -> {
            wake = null;
            wakeAt = null;
            pump();
        }));
    }

    private void dial(Entry e) {
        int number = e.attempts + 1;
        e.state = RowState.DIALLING;
        e.nextAt = null;
        e.detail = null;
        inFlight++;
        String owner = record.owner();
        ctx.dials().execute(() -> runDial(e, number, owner));
    }

    /** On the dial pool: waits for the pace, asks Twilio (through the call core), reports back to the loop. */
    private void runDial(Entry e, int number, String owner) {
        try {
            ctx.dialer().dial(owner, e.row, s -> Templates.tailor(s, e.row.variables()), id -> admit(e, number, id),
                    record.plan().voicemail());
        } catch (DialWithdrawn | CallRateExceeded | InterruptedException notDialled) {
            execute(() -> requeue(e, number));
        } catch (NumberNotAllowed refused) {
            execute(() -> notDialled(e, number, refused.getMessage()));
        } catch (TwilioApiException refused) {
            // the call was created and ended as failed: its CallEnded event finishes the attempt
            log.info("Campaign {} line {}: Twilio refused the call: {}", record.id(), e.row.line(),
                    refused.humanMessage());
        } catch (RuntimeException failed) {
            log.warn("Campaign {} line {}: the call could not be placed: {}", record.id(), e.row.line(),
                    failed.getMessage());
            execute(() -> requeue(e, number));
        }
    }

    /** The gate, on the dial pool, once the call has its turn: write the attempt, or withdraw. */
    private boolean admit(Entry e, int number, String callId) {
        if (closed || record.state() != CampaignState.RUNNING) {
            return false;
        }
        Attempt attempt = Attempt.dialling(record.id(), e.row.line(), number, callId, ctx.clock().instant());
        ctx.store().beginAttempt(attempt);
        ctx.routes().put(callId, this);
        execute(() -> {
            e.live = attempt;
            e.attempts = number;
            byCall.put(callId, e);
        });
        return true;
    }

    /** The dial did not go out (paused, canceled, the pace was full): the row is next again. */
    private void requeue(Entry e, int number) {
        if (e.live != null && e.live.number() == number) {
            return; // admitted after all: its call's events finish it
        }
        inFlight--;
        if (testRun) {
            testBudget++;
        }
        if (record.state() == CampaignState.CANCELED) {
            e.state = RowState.CANCELED;
            e.detail = "The campaign was canceled before this row was dialled";
            ctx.store().saveRow(record.id(), e.progress());
        } else {
            e.state = RowState.PENDING;
            fresh.addFirst(e);
        }
        pump();
    }

    /** The number was refused by the bridge's policy before any attempt. */
    private void notDialled(Entry e, int number, String why) {
        if (e.live != null && e.live.number() == number) {
            return;
        }
        inFlight--;
        e.state = RowState.DONE;
        e.outcome = Outcome.FAILED;
        e.detail = why;
        ctx.store().saveRow(record.id(), e.progress());
        afterRow();
    }

    private void handle(CallEvent event) {
        Entry e = byCall.get(event.callId());
        if (e == null || e.live == null) {
            return;
        }
        if (event instanceof CallEvent.CallPlaced placed) {
            e.live = e.live.placed(placed.callSid());
            e.state = RowState.IN_CALL;
            ctx.store().placedAttempt(e.live);
        } else if (event instanceof CallEvent.StateChanged changed && changed.to() == CallState.IN_PROGRESS) {
            e.live = e.live.answeredNow();
        } else if (event instanceof CallEvent.ReflectionReported reflection) {
            e.live = e.live.withReflection(reflection.status());
        } else if (event instanceof CallEvent.CallEnded ended) {
            finish(e, Outcome.of(ended.state(), ended.endReason(), e.live.answered()), ended.endReason());
        }
    }

    private void finish(Entry e, Outcome outcome, String endReason) {
        Instant now = ctx.clock().instant();
        Attempt done = e.live.ended(outcome, endReason, now);
        e.live = null;
        byCall.remove(done.callId());
        ctx.routes().remove(done.callId());
        inFlight--;
        e.outcome = outcome;
        e.reflection = done.reflection() != null ? done.reflection() : e.reflection;
        e.nextAt = null;
        e.detail = null;
        RowProgress next = Recovery.standing(e.progress(), outcome, !testRun && record.state() != CampaignState.CANCELED
                ? record.plan().retries() : null, now);
        e.state = next.state();
        e.nextAt = next.nextAt();
        e.detail = next.detail();
        if (e.state == RowState.WAITING) {
            waiting.add(e);
        }
        ctx.store().finishAttempt(done, e.progress());
        afterRow();
    }

    private void afterRow() {
        if (testRun && inFlight == 0) {
            testRun = false;
            if (record.state() == CampaignState.RUNNING) {
                boolean more = !fresh.isEmpty() || !waiting.isEmpty();
                transition(more ? CampaignState.READY : CampaignState.COMPLETED);
            }
            return;
        }
        if (record.state() == CampaignState.CANCELED) {
            return;
        }
        pump();
    }
}
