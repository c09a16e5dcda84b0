package app.highway.ui.board;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.CallEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Uses no scene graph, so tests drive it with a manual tick and no toolkit.
 */
public final class BoardViewModel {
    private final Function<String, Optional<CallSnapshot>> calls;
    private final ZoneId zone;
    private final ObservableList<CallRow> rows = FXCollections.observableArrayList();
    private final Map<String, CallRow> byId = new HashMap<>();
    private final FilteredList<CallRow> visible = new FilteredList<>(rows);
    private final StringProperty search = new SimpleStringProperty("");
    private final ObjectProperty<StateFilter> filter = new SimpleObjectProperty<>(StateFilter.ALL);
    private final ReadOnlyObjectWrapper<Totals> totals = new ReadOnlyObjectWrapper<>(Totals.NONE);
    private Consumer<Notice> notices = n -> { };

    public BoardViewModel(Function<String, Optional<CallSnapshot>> calls, ZoneId zone) {
        this.calls = calls;
        this.zone = zone;
        search.addListener((o, a, b) -> refilter());
        filter.addListener((o, a, b) -> refilter());
    }

    public void onNotice(Consumer<Notice> listener) {
        this.notices = listener;
    }

    /** Applies one tick's batch of events; also advances the elapsed time of live calls. */
    public void apply(List<CallEvent> batch, Instant now) {
        Set<String> changed = new LinkedHashSet<>();
        for (CallEvent e : batch) {
            changed.add(e.callId());
            noticeFor(e).ifPresent(notices);
        }
        boolean rowsAddedOrStateChanged = false;
        for (String id : changed) {
            Optional<CallSnapshot> snapshot = calls.apply(id);
            if (snapshot.isEmpty()) {
                continue;
            }
            CallRow row = byId.get(id);
            if (row == null) {
                row = new CallRow(snapshot.get());
                byId.put(id, row);
                rows.add(0, row);
                rowsAddedOrStateChanged = true;
            }
            CallState before = row.stateProperty().get();
            row.update(snapshot.get(), now);
            rowsAddedOrStateChanged |= before != row.stateProperty().get();
        }
        for (CallRow row : rows) {
            if (row.isLive()) {
                row.tick(now);
            }
        }
        if (rowsAddedOrStateChanged && filter.get() != StateFilter.ALL) {
            refilter();
        }
        if (!changed.isEmpty()) {
            totals.set(computeTotals());
        }
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
            return Optional.of(new Notice(ended.callId(), "Call failed", String.valueOf(ended.endReason()), true));
        }
        return Optional.empty();
    }

    private Totals computeTotals() {
        LocalDate today = LocalDate.now(zone);
        int count = 0;
        int live = 0;
        long tokens = 0;
        double cost = 0;
        Map<String, Integer> outcomes = new TreeMap<>();
        for (CallRow row : rows) {
            if (row.isLive()) {
                live++;
            }
            if (!row.createdAt().atZone(zone).toLocalDate().equals(today)) {
                continue;
            }
            count++;
            tokens += row.tokensProperty().get();
            cost += row.costProperty().get();
            String reflection = row.reflectionProperty().get();
            if (reflection != null) {
                outcomes.merge(reflection, 1, Integer::sum);
            }
        }
        return new Totals(count, live, outcomes, tokens, cost);
    }

    private void refilter() {
        String q = search.get() == null ? "" : search.get().replaceAll("[^0-9+]", "");
        StateFilter f = filter.get();
        visible.setPredicate(row -> f.accepts(row.stateProperty().get())
                && (q.isEmpty() || row.to().contains(q) || row.id().contains(q)));
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

    public ReadOnlyObjectProperty<Totals> totalsProperty() {
        return totals.getReadOnlyProperty();
    }
}
