package app.highway.ui.history;

import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.store.CallExport;
import app.highway.store.CallPage;
import app.highway.realtime.RealtimeDialect;
import app.highway.store.CallQuery;
import app.highway.store.CallStatistics;
import app.highway.team.Actor;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Past calls: search by date range, number, state, reflection and who placed them; the full record of any;
 * export of what was found to CSV or JSON; deletion of one record on request; and the
 * analytics over the same selection. Reads, writes and deletions run on {@code background}, never
 * the FX thread; results land through {@code fx} (the FX thread in the app, the caller's thread
 * in tests).
 */
public final class HistoryViewModel {
    private static final Logger log = LoggerFactory.getLogger(HistoryViewModel.class);
    /** "Any" in a filter. */
    public static final String ANY = "any";
    /** Written first in a CSV export, so that Excel reads it as UTF-8. */
    public static final String UTF8_BOM = "\uFEFF";

    private static final java.time.format.DateTimeFormatter WHEN =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final ConsoleServices.History history;
    private final Supplier<List<String>> people;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Executor background;
    private final Executor fx;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty number = new SimpleStringProperty("");
    private final ObjectProperty<String> state = new SimpleObjectProperty<>(ANY);
    private final ObjectProperty<String> reflection = new SimpleObjectProperty<>(ANY);
    /** Who placed the calls: {@link #ANY}, or a user name. */
    private final ObjectProperty<String> placedBy = new SimpleObjectProperty<>(ANY);
    /** What the person filter offers: {@link #ANY}, the owner, then everyone on the bridge. */
    private final ObservableList<String> placers = FXCollections.observableArrayList(ANY, Actor.OWNER.user());
    private final BooleanProperty maskNumbers = new SimpleBooleanProperty(true);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<CallSnapshot> rows = FXCollections.observableArrayList();
    /** The dialect filter: {@link #ANY}, {@link RealtimeDialect#REALTIME} or {@link RealtimeDialect#GPT_LIVE}. */
    private final ObjectProperty<String> dialect = new SimpleObjectProperty<>(ANY);
    /** The searched calls side by side per dialect (outcome, cost, turn latency). */
    private final ObjectProperty<DialectComparison> comparison = new SimpleObjectProperty<>(DialectComparison.NONE);
    private final ObjectProperty<CallStatistics.Summary> statistics = new SimpleObjectProperty<>(
            CallStatistics.of(List.of(), ZoneId.systemDefault()));
    /** The filters of the search the rows and the analytics come from, in words ("" before any search). */
    private final StringProperty searchedFilters = new SimpleStringProperty("");
    /** The call whose deletion is being confirmed; cleared when another call is selected. */
    private final ObjectProperty<CallSnapshot> pendingDelete = new SimpleObjectProperty<>();
    /** Numbers each search, so that an older search finishing late does not replace a newer one's rows. */
    private long searches;
    private boolean opened;

    /** Without a list of people: the person filter offers only the owner (and any name set on it). */
    public HistoryViewModel(ConsoleServices.History history, ObjectMapper json, ZoneId zone,
            Executor background, Executor fx) {
        this(history, List::of, json, zone, background, fx);
    }

    /** {@code people} lists the user names on the bridge for the person filter (may block: read on background). */
    public HistoryViewModel(ConsoleServices.History history, Supplier<List<String>> people, ObjectMapper json,
            ZoneId zone, Executor background, Executor fx) {
        this.history = history;
        this.people = people;
        this.json = json;
        this.zone = zone;
        this.background = background;
        this.fx = fx;
        to.set(LocalDate.now(zone));
        from.set(LocalDate.now(zone).minusDays(29));
    }

    public static List<String> states() {
        List<String> all = new ArrayList<>(List.of(ANY));
        for (CallState s : CallState.values()) {
            all.add(s.wire());
        }
        return all;
    }

    public static List<String> reflections() {
        return List.of(ANY, "successful_call", "unsuccessful_call", "user_hung_up", "system_error", "in_progress");
    }

    /**
     * The History or Analytics tab is shown: the first time, loads the latest calls (the default
     * filters: the last 30 days); later, keeps what the operator searched for.
     */
    public void opened() {
        if (!opened) {
            opened = true;
            loadPeople();
            search();
        }
    }

    /** Reads who is on the bridge (off the FX thread) for the person filter; keeps the filter's choice. */
    public CompletableFuture<Void> loadPeople() {
        return CompletableFuture.supplyAsync(people, background).thenAcceptAsync(names -> {
            String chosen = placedBy.get() == null ? ANY : placedBy.get();
            List<String> all = new ArrayList<>(List.of(ANY, Actor.OWNER.user()));
            names.stream().filter(n -> !all.contains(n)).forEach(all::add);
            if (!all.contains(chosen)) {
                all.add(chosen);
            }
            placers.setAll(all);
            placedBy.set(chosen); // a choice box may let go of its value while its items are replaced
        }, fx).exceptionally(e -> {
            log.warn("Could not list the people on the bridge: {}", (e.getCause() == null ? e : e.getCause())
                    .getMessage());
            return null;
        });
    }

    /** Loads every call matching the filters (newest first) and recomputes the analytics. */
    public CompletableFuture<Void> search() {
        opened = true;
        CallQuery base = query(null);
        String filters = describeFilters();
        long mine = ++searches;
        message.set("Searching…");
        String wantedDialect = dialect.get();
        return CompletableFuture.supplyAsync(() -> inDialect(all(base), wantedDialect), background)
                .thenAcceptAsync(found -> {
            if (mine != searches) {
                return; // a newer search is under way
            }
            searchedFilters.set(filters);
            rows.setAll(found);
            statistics.set(CallStatistics.of(found, zone));
            comparison.set(DialectComparison.of(found));
            message.set(found.size() + " call" + (found.size() == 1 ? "" : "s") + " found");
        }, fx).exceptionally(e -> {
            fx.execute(() -> message.set("Search failed: " + (e.getCause() == null ? e : e.getCause()).getMessage()));
            return null;
        });
    }

    /** The calls whose model speaks {@code wanted} (all of them for {@link #ANY}); the dialect follows from the model. */
    private static List<CallSnapshot> inDialect(List<CallSnapshot> calls, String wanted) {
        if (wanted == null || ANY.equals(wanted)) {
            return calls;
        }
        return calls.stream().filter(c -> wanted.equals(RealtimeDialect.of(c.model()))).toList();
    }

    private List<CallSnapshot> all(CallQuery base) {
        List<CallSnapshot> found = new ArrayList<>();
        String cursor = null;
        do {
            CallPage page = history.list(base.page(CallQuery.MAX_LIMIT, cursor));
            found.addAll(page.calls());
            cursor = page.nextCursor();
        } while (cursor != null && found.size() < 50_000);
        return found;
    }

    private CallQuery query(String cursor) {
        Instant start = from.get() == null ? null : from.get().atStartOfDay(zone).toInstant();
        Instant end = to.get() == null ? null : to.get().plusDays(1).atStartOfDay(zone).toInstant();
        CallState s = ANY.equals(state.get()) ? null : CallState.fromTwilio(state.get()).orElse(null);
        String r = ANY.equals(reflection.get()) ? null : reflection.get();
        String by = placedBy.get() == null || ANY.equals(placedBy.get()) ? null : placedBy.get();
        return new CallQuery(start, end, s, r, number.get(), by, CallQuery.MAX_LIMIT, cursor);
    }

    /** The current filters in words, e.g. "2025-03-01 to 2025-03-30 · state any · reflection Successful". */
    public String describeFilters() {
        String dates = from.get() == null && to.get() == null ? "all dates"
                : (from.get() == null ? "up" : String.valueOf(from.get())) + " to "
                        + (to.get() == null ? "today" : String.valueOf(to.get()));
        String r = reflection.get() == null || ANY.equals(reflection.get()) ? ANY
                : app.highway.ui.common.Words.reflection(reflection.get());
        String n = number.get() == null || number.get().isBlank() ? "" : " · number contains " + number.get().strip();
        String by = placedBy.get() == null || ANY.equals(placedBy.get()) ? "" : " · placed by " + placedBy.get();
        String d = dialect.get() == null || ANY.equals(dialect.get()) ? "" : " · dialect " + dialect.get();
        return dates + " · state " + (state.get() == null ? ANY : state.get()) + " · reflection " + r + n + by + d;
    }

    /** Writes what the search found to {@code file}, as CSV or JSON (numbers masked if chosen). */
    public CompletableFuture<Void> export(Path file, boolean csv) {
        List<CallSnapshot> selection = List.copyOf(rows);
        boolean mask = maskNumbers.get();
        return CompletableFuture.supplyAsync(() -> {
            // the byte order mark tells Excel the CSV is UTF-8 (else "•" in masked numbers reads as "â€¢")
            String content = csv ? UTF8_BOM + CallExport.csv(selection, mask) : CallExport.json(json, selection, mask);
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8);
                return "Exported " + selection.size() + " calls to " + file.getFileName();
            } catch (IOException e) {
                return "Export failed: " + e.getMessage();
            }
        }, background).thenAcceptAsync(message::set, fx);
    }

    /**
     * Asks to delete {@code call}'s record: returns the question to confirm, which names the call
     * unambiguously (local start time, masked number, id). {@link #confirmDelete()} then deletes it,
     * unless another call was selected in between ({@link #selected}).
     */
    public String requestDelete(CallSnapshot call) {
        pendingDelete.set(call);
        return deleteQuestion(call);
    }

    public String deleteQuestion(CallSnapshot call) {
        return "Delete the record of the call to " + app.highway.call.PhoneMask.mask(call.to()) + " started "
                + WHEN.format(call.createdAt().atZone(zone)) + " (id " + call.id() + ")? Its transcript, timeline "
                + "and usage are deleted. This cannot be undone.";
    }

    /** The selection changed: a deletion asked for another call is no longer confirmed. */
    public void selected(CallSnapshot call) {
        if (pendingDelete.get() != null && (call == null || !pendingDelete.get().id().equals(call.id()))) {
            pendingDelete.set(null);
        }
    }

    /** Deletes the call asked for by {@link #requestDelete}, if still pending; false if nothing was pending. */
    public CompletableFuture<Boolean> confirmDelete() {
        CallSnapshot call = pendingDelete.get();
        pendingDelete.set(null);
        return call == null ? CompletableFuture.completedFuture(false) : delete(call);
    }

    public void cancelDelete() {
        pendingDelete.set(null);
    }

    public ObjectProperty<CallSnapshot> pendingDeleteProperty() {
        return pendingDelete;
    }

    public StringProperty searchedFiltersProperty() {
        return searchedFilters;
    }

    /** Deletes one call's record for a privacy request; a live call cannot be deleted. */
    public CompletableFuture<Boolean> delete(CallSnapshot call) {
        return CompletableFuture.supplyAsync(() -> history.delete(call.id()), background).handleAsync((result, e) -> {
            if (e != null) {
                message.set("Not deleted: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                return false;
            }
            switch (result) {
                case DELETED -> {
                    rows.remove(call);
                    statistics.set(CallStatistics.of(List.copyOf(rows), zone));
                    comparison.set(DialectComparison.of(List.copyOf(rows)));
                    message.set("Deleted the record of the call to " + app.highway.call.PhoneMask.mask(call.to()));
                    return true;
                }
                case STILL_LIVE -> message.set("That call is still live: hang it up first.");
                default -> message.set("That record no longer exists.");
            }
            return false;
        }, fx);
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public StringProperty numberProperty() {
        return number;
    }

    public ObjectProperty<String> stateProperty() {
        return state;
    }

    public ObjectProperty<String> reflectionProperty() {
        return reflection;
    }

    public ObjectProperty<String> dialectProperty() {
        return dialect;
    }

    /** The choices of the dialect filter. */
    public static List<String> dialects() {
        return List.of(ANY, RealtimeDialect.REALTIME, RealtimeDialect.GPT_LIVE);
    }

    public ObjectProperty<DialectComparison> comparisonProperty() {
        return comparison;
    }

    public ObjectProperty<String> placedByProperty() {
        return placedBy;
    }

    /** The choices of the person filter. */
    public ObservableList<String> placers() {
        return placers;
    }

    public BooleanProperty maskNumbersProperty() {
        return maskNumbers;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<CallSnapshot> rows() {
        return rows;
    }

    public ObjectProperty<CallStatistics.Summary> statisticsProperty() {
        return statistics;
    }
}
