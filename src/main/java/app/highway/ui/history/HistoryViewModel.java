package app.highway.ui.history;

import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.store.CallExport;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.store.CallStatistics;
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
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Past calls: search by date range, number, state and reflection; the full record of any;
 * export of what was found to CSV or JSON; deletion of one record on request; and the
 * analytics over the same selection. Reads, writes and deletions run on {@code background}, never
 * the FX thread; results land through {@code fx} (the FX thread in the app, the caller's thread
 * in tests).
 */
public final class HistoryViewModel {
    /** "Any" in a filter. */
    public static final String ANY = "any";

    private final ConsoleServices.History history;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Executor background;
    private final Executor fx;
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty number = new SimpleStringProperty("");
    private final ObjectProperty<String> state = new SimpleObjectProperty<>(ANY);
    private final ObjectProperty<String> reflection = new SimpleObjectProperty<>(ANY);
    private final BooleanProperty maskNumbers = new SimpleBooleanProperty(true);
    private final StringProperty message = new SimpleStringProperty("");
    private final ObservableList<CallSnapshot> rows = FXCollections.observableArrayList();
    private final ObjectProperty<CallStatistics.Summary> statistics = new SimpleObjectProperty<>(
            CallStatistics.of(List.of(), ZoneId.systemDefault()));

    public HistoryViewModel(ConsoleServices.History history, ObjectMapper json, ZoneId zone,
            Executor background, Executor fx) {
        this.history = history;
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

    /** Loads every call matching the filters (newest first) and recomputes the analytics. */
    public CompletableFuture<Void> search() {
        CallQuery base = query(null);
        message.set("Searching…");
        return CompletableFuture.supplyAsync(() -> all(base), background).thenAcceptAsync(found -> {
            rows.setAll(found);
            statistics.set(CallStatistics.of(found, zone));
            message.set(found.size() + " call" + (found.size() == 1 ? "" : "s") + " found");
        }, fx).exceptionally(e -> {
            fx.execute(() -> message.set("Search failed: " + (e.getCause() == null ? e : e.getCause()).getMessage()));
            return null;
        });
    }

    private List<CallSnapshot> all(CallQuery base) {
        List<CallSnapshot> found = new ArrayList<>();
        String cursor = null;
        do {
            CallPage page = history.list(new CallQuery(base.from(), base.to(), base.state(), base.reflection(),
                    base.number(), CallQuery.MAX_LIMIT, cursor));
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
        return new CallQuery(start, end, s, r, number.get(), CallQuery.MAX_LIMIT, cursor);
    }

    /** Writes what the search found to {@code file}, as CSV or JSON (numbers masked if chosen). */
    public CompletableFuture<Void> export(Path file, boolean csv) {
        List<CallSnapshot> selection = List.copyOf(rows);
        boolean mask = maskNumbers.get();
        return CompletableFuture.supplyAsync(() -> {
            String content = csv ? CallExport.csv(selection, mask) : CallExport.json(json, selection, mask);
            try {
                Files.writeString(file, content, StandardCharsets.UTF_8);
                return "Exported " + selection.size() + " calls to " + file.getFileName();
            } catch (IOException e) {
                return "Export failed: " + e.getMessage();
            }
        }, background).thenAcceptAsync(message::set, fx);
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
