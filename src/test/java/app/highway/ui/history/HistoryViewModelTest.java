package app.highway.ui.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.config.Json;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.ui.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Past calls: search over several pages, export, delete, and that none of it runs on the caller's thread. */
@Tag("unit")
class HistoryViewModelTest {
    private final List<CallSnapshot> stored = new ArrayList<>();
    private final List<CallQuery> queries = new ArrayList<>();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final ConsoleServices.History history = new ConsoleServices.History() {
        @Override
        public Optional<CallSnapshot> find(String id) {
            return stored.stream().filter(c -> c.id().equals(id)).findFirst();
        }

        @Override
        public CallPage list(CallQuery query) {
            queries.add(query);
            int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
            int to = Math.min(stored.size(), from + 2);
            return new CallPage(List.copyOf(stored.subList(from, to)), to < stored.size() ? String.valueOf(to) : null);
        }

        @Override
        public CallHistory.Deletion delete(String id) {
            CallSnapshot c = find(id).orElse(null);
            if (c == null) {
                return CallHistory.Deletion.NOT_FOUND;
            }
            if (!c.state().isFinal()) {
                return CallHistory.Deletion.STILL_LIVE;
            }
            stored.remove(c);
            return CallHistory.Deletion.DELETED;
        }
    };
    private final HistoryViewModel model = new HistoryViewModel(history, Json.mapper(), ZoneOffset.UTC,
            background::add, Runnable::run);

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    private void store(int n) {
        for (int i = 0; i < n; i++) {
            stored.add(Snapshots.of("hw-" + i, String.format("+1555987654%d", i), CallState.COMPLETED,
                    "successful_call"));
        }
    }

    @Test
    void callsOfBothDialectsAreComparedAndCanBeFilteredByDialect() {
        stored.add(Snapshots.withModel("hw-r1", "gpt-realtime", "successful_call", 0.10, 300, 500));
        stored.add(Snapshots.withModel("hw-r2", "gpt-realtime-mini", "unsuccessful_call", 0.02, 700));
        stored.add(Snapshots.withModel("hw-l1", "gpt-live-1", "successful_call", 0.075, 200, 260, 900));
        model.search();
        runBackground();
        assertEquals(3, model.rows().size());
        List<DialectComparison.Row> rows = model.comparisonProperty().get().rows();
        assertEquals(2, rows.size(), rows.toString());
        DialectComparison.Row realtime = rows.get(0);
        assertEquals("Realtime", realtime.dialect());
        assertEquals(List.of("gpt-realtime", "gpt-realtime-mini"), realtime.models());
        assertEquals(2, realtime.calls());
        assertEquals(1, realtime.successful());
        assertEquals(0.06, realtime.averageCostUsd(), 1e-12);
        assertEquals(3, realtime.turns());
        assertEquals(500L, realtime.turnP50Ms());
        assertEquals(700L, realtime.turnP90Ms());
        DialectComparison.Row live = rows.get(1);
        assertEquals("GPT-Live", live.dialect());
        assertEquals(List.of("gpt-live-1"), live.models());
        assertEquals(1, live.successful());
        assertEquals(0.075, live.averageCostUsd(), 1e-12);
        assertEquals(260L, live.turnP50Ms());
        assertEquals(900L, live.turnP90Ms());
        assertTrue(model.comparisonProperty().get().text().contains("GPT-Live (gpt-live-1): 1 call · 1 successful"),
                model.comparisonProperty().get().text());

        model.dialectProperty().set("GPT-Live");
        model.search();
        runBackground();
        assertEquals(List.of("hw-l1"), model.rows().stream().map(CallSnapshot::id).toList());
        assertEquals(1, model.statisticsProperty().get().calls(), "the analytics follow the dialect filter");
        assertTrue(model.searchedFiltersProperty().get().endsWith("· dialect GPT-Live"),
                model.searchedFiltersProperty().get());
    }

    @Test
    void searchFindsEveryPageOffTheCallersThreadAndCountsThem() {
        store(5);
        model.numberProperty().set("98765");
        model.stateProperty().set("completed");
        model.search();
        assertEquals("Searching…", model.messageProperty().get());
        assertTrue(queries.isEmpty(), "the store is not read on the caller's thread");
        runBackground();
        assertEquals(3, queries.size(), "three pages of two");
        assertEquals("98765", queries.get(0).number());
        assertEquals(CallState.COMPLETED, queries.get(0).state());
        assertEquals(5, model.rows().size());
        assertEquals("5 calls found", model.messageProperty().get());
        assertEquals(5, model.statisticsProperty().get().calls());
    }

    @Test
    void exportWritesWhatWasFoundWithNumbersMasked() throws Exception {
        store(1);
        model.search();
        runBackground();
        Path file = Files.createTempFile("history", ".csv");
        model.export(file, true);
        runBackground();
        String written = Files.readString(file);
        assertTrue(written.startsWith(HistoryViewModel.UTF8_BOM), "a UTF-8 byte order mark first, for Excel");
        String csv = written.substring(HistoryViewModel.UTF8_BOM.length());
        assertTrue(csv.startsWith("id,callSid,to,state"), csv);
        assertTrue(csv.contains("+1555•••6540") && !csv.contains("+15559876540"), csv);
        assertEquals("Exported 1 calls to " + file.getFileName(), model.messageProperty().get());
    }

    @Test
    void deletingARecordRemovesItButALiveCallIsRefused() {
        store(1);
        stored.add(Snapshots.of("hw-live", "+15550000009", CallState.IN_PROGRESS, null));
        model.search();
        runBackground();
        CallSnapshot done = model.rows().get(0);
        var deleted = model.delete(done);
        runBackground();
        assertTrue(deleted.join());
        assertEquals(1, model.rows().size());
        assertEquals("Deleted the record of the call to +1555•••6540", model.messageProperty().get());

        var refused = model.delete(model.rows().get(0));
        runBackground();
        assertFalse(refused.join());
        assertEquals("That call is still live: hang it up first.", model.messageProperty().get());
        assertEquals(1, model.rows().size());
    }

    /** Before: the History tab showed "Press Search" until the operator searched. */
    @Test
    void openingTheTabLoadsTheLatestCallsOnce() {
        store(2);
        model.opened();
        runBackground();
        assertEquals(2, model.rows().size());
        assertEquals(java.time.LocalDate.now(ZoneOffset.UTC).minusDays(29) + " to " + java.time.LocalDate.now(
                ZoneOffset.UTC) + " · state any · reflection any", model.searchedFiltersProperty().get(),
                "the analytics say which filter they use");
        int before = queries.size();
        model.opened();
        runBackground();
        assertEquals(before, queries.size(), "shown again: the operator's search is kept");
    }

    /** Before: the confirmation named only a masked number, and nothing tied it to the row it was asked for. */
    @Test
    void theDeleteConfirmationNamesTheCallAndDoesNotCarryOverToAnotherRow() {
        store(2);
        model.search();
        runBackground();
        CallSnapshot first = model.rows().get(0);
        CallSnapshot second = model.rows().get(1);
        String question = model.requestDelete(first);
        assertTrue(question.contains(app.highway.call.PhoneMask.mask(first.to())), question);
        assertTrue(question.contains("2025-03-04 10:15:30"), "local start time, to the second: " + question);
        assertTrue(question.contains(first.id()), question);

        model.selected(second);
        var confirmed = model.confirmDelete();
        runBackground();
        assertFalse(confirmed.join(), "another row was selected: the confirmation no longer holds");
        assertEquals(2, model.rows().size());

        model.requestDelete(second);
        model.selected(second);
        var deleted = model.confirmDelete();
        runBackground();
        assertTrue(deleted.join());
        assertEquals(List.of(first.id()), model.rows().stream().map(CallSnapshot::id).toList());
    }

    @Test
    void callsAreFilteredByWhoPlacedThemAndThePeopleAreListedOffTheCallersThread() {
        List<String> asked = new ArrayList<>();
        HistoryViewModel withPeople = new HistoryViewModel(history, () -> {
            asked.add("people");
            return List.of("alice", "bob");
        }, Json.mapper(), ZoneOffset.UTC, background::add, Runnable::run);
        store(1);
        withPeople.opened();
        assertTrue(asked.isEmpty(), "not read on the caller's thread");
        runBackground();
        assertEquals(List.of(HistoryViewModel.ANY, "owner", "alice", "bob"), withPeople.placers());
        assertEquals(HistoryViewModel.ANY, withPeople.placedByProperty().get());
        assertEquals(null, queries.get(queries.size() - 1).placedBy(), "any: no filter");

        withPeople.placedByProperty().set("alice");
        withPeople.search();
        runBackground();
        assertEquals("alice", queries.get(queries.size() - 1).placedBy());
        assertTrue(withPeople.searchedFiltersProperty().get().endsWith(" · placed by alice"),
                withPeople.searchedFiltersProperty().get());
    }

    /** Before: a slow earlier search could land after a newer one and replace its rows. */
    @Test
    void anOlderSearchFinishingLateDoesNotReplaceANewerOne() {
        store(1);
        model.search();
        Runnable first = background.poll();
        model.search();
        runBackground();
        assertEquals(1, model.rows().size());
        stored.add(Snapshots.of("hw-late", "+15559876549", CallState.COMPLETED, null));
        first.run(); // reads two calls now, but was asked for before the newer search
        assertEquals(1, model.rows().size());
    }
}
