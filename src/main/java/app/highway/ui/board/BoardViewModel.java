package app.highway.ui.board;

import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The live call board: one row per call, filtered by state and searched by number. Fed by
 * {@link #apply} once per UI tick with everything the bridge published since the last tick;
 * each changed call is read once per tick (coalesced), whatever the number of its events.
 *
 * <p>A tick costs what changed, not what the shift has seen: it reads the calls named by the batch,
 * advances the clocks of the live calls, and takes off the board the ended calls whose time is up
 * ({@link #ENDED_CALLS_STAY} after they ended, taken from a queue ordered by that time; they stay in
 * History and in today's totals). Today's totals are kept up to date by each row's change, not
 * recounted. Uses no scene graph, so tests drive it with a manual tick and no toolkit.
 */
public final class BoardViewModel {
    /** How long an ended call stays on the live board. */
    public static final Duration ENDED_CALLS_STAY = Duration.ofMinutes(10);

    /** What one call adds to the totals of the day it was created. */
    private record Share(LocalDate date, long tokens, double cost, String reflection) {
        static Share of(CallSnapshot s, ZoneId zone) {
            return new Share(s.createdAt().atZone(zone).toLocalDate(), s.usage().totalTokens(), s.costUsd(),
                    s.reflection());
        }
    }

    /** When an ended row leaves the board. */
    private record Expiry(Instant at, CallRow row) { }

    private final Function<String, Optional<CallSnapshot>> calls;
    private final ZoneId zone;
    private final Duration endedCallsStay;
    private final ObservableList<CallRow> rows = FXCollections.observableArrayList();
    private final Map<String, CallRow> byId = new HashMap<>();
    private final Set<CallRow> live = new LinkedHashSet<>();
    private final PriorityQueue<Expiry> expiries = new PriorityQueue<>(Comparator.comparing(Expiry::at));
    /** Today's calls by id, on the board or not (ended and gone, or read from the store at start). */
    private final Map<String, Share> shares = new HashMap<>();
    /** Deleted since start: a store read that began before the deletion must not count them again. */
    private final Set<String> deletedIds = new HashSet<>();
    private final FilteredList<CallRow> visible = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> filter = new SimpleObjectProperty<>(StateFilter.ALL);
    /** What the empty board says: nothing yet, or nothing the filter and search let through. */
    public static final String NO_CALLS = "No calls yet. Press Ctrl+N to place a verification call.";
    public static final String NO_MATCH = "No calls match the filter. Choose \"All calls\" or clear the search.";
    private final javafx.beans.binding.StringBinding placeholder = javafx.beans.binding.Bindings.createStringBinding(
            () -> rows.isEmpty() ? NO_CALLS : NO_MATCH, rows);
    private final ReadOnlyObjectWrapper<Totals> totals = new ReadOnlyObjectWrapper<>(Totals.NONE);
    private Consumer<Notice> notices = n -> { };
    private LocalDate day;
    private int todayCalls;
    private long todayTokens;
    private double todayCost;
    private final Map<String, Integer> todayOutcomes = new TreeMap<>();
    private int lastTickWork;

    public BoardViewModel(Function<String, Optional<CallSnapshot>> calls, ZoneId zone) {
        this(calls, zone, ENDED_CALLS_STAY);
    }

    public BoardViewModel(Function<String, Optional<CallSnapshot>> calls, ZoneId zone, Duration endedCallsStay) {
        this.calls = calls;
        this.zone = zone;
        this.endedCallsStay = endedCallsStay;
        search.addListener((o, a, b) -> refilter());
        filter.addListener((o, a, b) -> refilter());
    }

    public void onNotice(Consumer<Notice> listener) {
        this.notices = listener;
    }

    /** Applies one tick's batch of events; also advances the elapsed time of live calls. */
    public void apply(List<CallEvent> batch, Instant now) {
        int work = 0;
        Set<String> changed = new LinkedHashSet<>();
        Set<String> deleted = new HashSet<>();
        for (CallEvent e : batch) {
            if (e instanceof CallEvent.CallDeleted) {
                deleted.add(e.callId());
                changed.remove(e.callId());
                continue;
            }
            changed.add(e.callId());
            noticeFor(e).ifPresent(notices);
        }
        boolean totalsChanged = newDay(now);
        boolean rowsAddedOrStateChanged = false;
        if (!deleted.isEmpty()) {
            work += deleted.size();
            totalsChanged |= remove(deleted);
        }
        for (String id : changed) {
            work++;
            Optional<CallSnapshot> snapshot = calls.apply(id);
            if (snapshot.isEmpty()) {
                continue;
            }
            CallRow row = byId.get(id);
            boolean wasLive = true;
            if (row == null) {
                row = new CallRow(snapshot.get());
                byId.put(id, row);
                rows.add(0, row);
                rowsAddedOrStateChanged = true;
            } else {
                wasLive = row.isLive();
            }
            CallState before = row.stateProperty().get();
            row.update(snapshot.get(), now);
            rowsAddedOrStateChanged |= before != row.stateProperty().get();
            if (row.isLive()) {
                live.add(row);
            } else if (wasLive) {
                live.remove(row);
                Instant ended = row.endedAt() == null ? now : row.endedAt();
                expiries.add(new Expiry(ended.plus(endedCallsStay), row));
            }
            share(row);
            totalsChanged = true;
        }
        for (CallRow row : live) {
            work++;
            row.tick(now);
        }
        work += expire(now);
        if (rowsAddedOrStateChanged && filter.get() != StateFilter.ALL) {
            refilter();
        }
        if (totalsChanged) {
            publishTotals();
        }
        lastTickWork = work;
    }

    /**
     * Takes deleted calls off the board and out of today's totals at once (their expiry, if queued,
     * finds them gone); true if the totals changed.
     */
    private boolean remove(Set<String> ids) {
        boolean counted = false;
        List<CallRow> gone = new java.util.ArrayList<>();
        for (String id : ids) {
            deletedIds.add(id);
            Share share = shares.remove(id);
            if (share != null) {
                count(share, -1);
                counted = true;
            }
            CallRow row = byId.remove(id);
            if (row != null) {
                live.remove(row);
                gone.add(row);
                counted = true;
            }
        }
        if (!gone.isEmpty()) {
            rows.removeAll(gone);
        }
        return counted;
    }

    /**
     * Today's calls as the store has them (read at start, off the FX thread): those the board has not
     * seen yet count in today's totals, so "today" survives a restart. Calls the board already
     * counts, from their events, keep their own share.
     */
    public void seedToday(List<CallSnapshot> stored) {
        boolean changed = false;
        for (CallSnapshot s : stored) {
            if (!shares.containsKey(s.id()) && !deletedIds.contains(s.id())) {
                Share share = Share.of(s, zone);
                shares.put(s.id(), share);
                count(share, 1);
                changed = true;
            }
        }
        if (changed) {
            publishTotals();
        }
    }

    private void publishTotals() {
        totals.set(new Totals(todayCalls, live.size(), new TreeMap<>(todayOutcomes), todayTokens, todayCost));
    }

    /** Takes off the board the ended calls whose time is up; they keep counting in today's totals. */
    private int expire(Instant now) {
        Set<CallRow> gone = new HashSet<>();
        while (!expiries.isEmpty() && !expiries.peek().at().isAfter(now)) {
            CallRow row = expiries.poll().row();
            if (!row.isLive() && byId.remove(row.id(), row)) {
                gone.add(row);
            }
        }
        if (!gone.isEmpty()) {
            rows.removeAll(gone);
        }
        return gone.size();
    }

    /** Moves the row's share of today's totals from what it was to what it is. */
    private void share(CallRow row) {
        Share now = new Share(row.createdAt().atZone(zone).toLocalDate(), row.tokensProperty().get(),
                row.costProperty().get(), row.reflectionProperty().get());
        Share before = shares.put(row.id(), now);
        if (before != null) {
            count(before, -1);
        }
        count(now, 1);
    }

    private void count(Share s, int sign) {
        if (!s.date().equals(day)) {
            return;
        }
        todayCalls += sign;
        todayTokens += sign * s.tokens();
        todayCost += sign * s.cost();
        if (s.reflection() != null) {
            todayOutcomes.merge(s.reflection(), sign, Integer::sum);
            todayOutcomes.remove(s.reflection(), 0);
        }
    }

    /**
     * At the first tick of a day, today's totals start again from the calls created that day (once a
     * day); what earlier days' calls added is forgotten, except for the rows still on the board.
     */
    private boolean newDay(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        if (today.equals(day)) {
            return false;
        }
        day = today;
        todayCalls = 0;
        todayTokens = 0;
        todayCost = 0;
        todayOutcomes.clear();
        shares.values().removeIf(s -> s.date().isBefore(today));
        rows.forEach(row -> shares.putIfAbsent(row.id(), new Share(row.createdAt().atZone(zone).toLocalDate(),
                row.tokensProperty().get(), row.costProperty().get(), row.reflectionProperty().get())));
        shares.values().forEach(s -> count(s, 1));
        return true;
    }

    private Optional<Notice> noticeFor(CallEvent e) {
        if (e instanceof CallEvent.CallProblem p) {
            return Optional.of(new Notice(p.callId(), "Call problem", p.message(), true));
        }
        if (e instanceof CallEvent.ReflectionReported r && "system_error".equals(r.status())) {
            return Optional.of(new Notice(r.callId(), "The assistant reported a system error",
                    "The model reported system_error on this call.", true));
        }
        if (e instanceof CallEvent.CallEnded ended && ended.state() == CallState.FAILED) {
            return Optional.of(new Notice(ended.callId(), "Call failed", app.highway.ui.common.Words.endReason(
                    ended.endReason()) + " (" + ended.endReason() + ")", true));
        }
        return Optional.empty();
    }

    private void refilter() {
        String q = search.get() == null ? "" : search.get().replaceAll("[^0-9+]", "");
        StateFilter f = filter.get();
        visible.setPredicate(row -> f.accepts(row.stateProperty().get())
                && (q.isEmpty() || row.to().contains(q) || row.id().contains(q)));
    }

    /** How many rows the last tick read, advanced or removed: what it cost. */
    int lastTickWork() {
        return lastTickWork;
    }

    public ObservableList<CallRow> visibleRows() {
        return visible;
    }

    public ObservableList<CallRow> allRows() {
        return rows;
    }

    public Optional<CallRow> row(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ObjectProperty<StateFilter> filterProperty() {
        return filter;
    }

    /** The text the board shows when no row is visible. */
    public javafx.beans.value.ObservableStringValue placeholder() {
        return placeholder;
    }

    public ReadOnlyObjectProperty<Totals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }
}
