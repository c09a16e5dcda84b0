package app.highway.ui.board;

import app.highway.call.CallEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.Call;
import app.highway.call.CallRegistry;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.EndReason;
import app.highway.call.Speaker;
import app.highway.config.CallSettings;
import app.highway.event.EventBus;
import app.highway.ui.common.EventInbox;
import app.highway.usage.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The board's view model with a manual tick and no JavaFX toolkit: real calls publishing real events. */
@Tag("unit")
class BoardViewModelTest {
    private final EventBus<CallEvent> bus = new EventBus<>();
    private final CallRegistry registry = new CallRegistry();
    private final EventInbox inbox = new EventInbox(bus::subscribe);
    private final AtomicInteger reads = new AtomicInteger();
    private final Function<String, Optional<CallSnapshot>> snapshots = id -> {
        reads.incrementAndGet();
        return registry.find(id).map(Call::snapshot);
    };
    private final BoardViewModel board = new BoardViewModel(snapshots, ZoneOffset.UTC);

    private Call call(String id, String to) {
        Call c = new Call(id, to, null, CallSettings.defaults("gpt-realtime"), true, bus, Clock.systemUTC());
        registry.add(c);
        return c;
    }

    @Test
    void eachChangedCallIsReadOncePerTickWhateverItsNumberOfEvents() {
        Call a = call("hw-a", "+15550000001");
        call("hw-b", "+15550000002");
        a.moveTo(CallState.RINGING);
        a.moveTo(CallState.IN_PROGRESS);
        a.speaking(Speaker.ASSISTANT);
        for (int i = 0; i < 100; i++) {
            a.transcriptDelta("item1", Speaker.ASSISTANT, "word ");
        }
        board.apply(inbox.drain(), Instant.now());
        assertEquals(2, reads.get(), "one read per changed call, not per event");
        assertEquals(2, board.allRows().size());
        CallRow row = board.row("hw-a").orElseThrow();
        assertEquals(CallState.IN_PROGRESS, row.stateProperty().get());
        assertTrue(row.lastLineProperty().get().startsWith("Assistant: word word"));
        assertEquals(Speaker.ASSISTANT, row.speakingProperty().get());
        assertEquals("hw-b", board.allRows().get(0).id(), "newest first");

        board.apply(inbox.drain(), Instant.now());
        assertEquals(2, reads.get(), "an empty tick reads nothing");
    }

    @Test
    void elapsedTimeAdvancesOnTicksWithoutEvents() {
        Call a = call("hw-a", "+15550000001");
        board.apply(inbox.drain(), Instant.now());
        CallRow row = board.row("hw-a").orElseThrow();
        board.apply(List.of(), Instant.now().plusSeconds(42));
        assertTrue(row.elapsedProperty().get().compareTo(Duration.ofSeconds(41)) > 0);
        a.endBecause(EndReason.OPERATOR_HUNG_UP);
        a.moveTo(CallState.CANCELED);
        board.apply(inbox.drain(), Instant.now().plusSeconds(100));
        Duration frozen = row.elapsedProperty().get();
        board.apply(List.of(), Instant.now().plusSeconds(500));
        assertEquals(frozen, row.elapsedProperty().get(), "an ended call's time stops");
    }

    @Test
    void filterAndSearchFollowStateChanges() {
        Call a = call("hw-a", "+15550000001");
        call("hw-b", "+442079460958");
        board.apply(inbox.drain(), Instant.now());
        board.filterProperty().set(StateFilter.LIVE);
        assertEquals(2, board.visibleRows().size());
        a.endBecause(EndReason.BUSY);
        a.moveTo(CallState.BUSY);
        board.apply(inbox.drain(), Instant.now());
        assertEquals(List.of("hw-b"), board.visibleRows().stream().map(CallRow::id).toList());
        board.filterProperty().set(StateFilter.FAILED);
        assertEquals(List.of("hw-a"), board.visibleRows().stream().map(CallRow::id).toList());
        board.filterProperty().set(StateFilter.ALL);
        board.searchProperty().set("+44 20");
        assertEquals(List.of("hw-b"), board.visibleRows().stream().map(CallRow::id).toList());
    }

    @Test
    void totalsAndNoticesForTheOperator() {
        List<Notice> notices = new ArrayList<>();
        board.onNotice(notices::add);
        Call a = call("hw-a", "+15550000001");
        Call b = call("hw-b", "+15550000002");
        a.reflection("successful_call");
        a.addUsage(new Usage(100, 50, 150, 100, 0, 0, 0, 0, 10, 40), 0.01);
        b.reflection("system_error");
        b.problem("OpenAI Realtime error server_error: boom");
        board.apply(inbox.drain(), Instant.now());
        Totals t = board.totalsProperty().get();
        assertEquals(2, t.calls());
        assertEquals(2, t.live());
        assertEquals(150, t.tokens());
        assertEquals(0.01, t.costUsd(), 1e-9);
        assertEquals(1, t.byReflection().get("successful_call"));
        assertEquals(2, notices.size());
        assertTrue(notices.stream().anyMatch(n -> n.text().contains("boom")));
        assertTrue(notices.stream().anyMatch(n -> n.title().contains("system error")));
    }

    private Call ended(String id, String to) {
        Call c = call(id, to);
        c.endBecause(EndReason.OPERATOR_HUNG_UP);
        c.moveTo(CallState.CANCELED);
        return c;
    }

    @Test
    void endedCallsLeaveTheBoardTenMinutesAfterTheyEndedAndStillCountToday() {
        Call a = call("hw-a", "+15550000001");
        call("hw-b", "+15550000002");
        a.reflection("successful_call");
        a.endBecause(EndReason.OPERATOR_HUNG_UP);
        a.moveTo(CallState.CANCELED);
        Instant t0 = Instant.now();
        board.apply(inbox.drain(), t0);
        assertEquals(2, board.allRows().size());

        board.apply(List.of(), t0.plus(Duration.ofMinutes(9)));
        assertEquals(2, board.allRows().size(), "still on the board nine minutes after it ended");

        board.apply(List.of(), t0.plus(BoardViewModel.ENDED_CALLS_STAY).plusSeconds(1));
        assertEquals(List.of("hw-b"), board.allRows().stream().map(CallRow::id).toList());
        assertEquals(List.of("hw-b"), board.visibleRows().stream().map(CallRow::id).toList());
        assertTrue(board.row("hw-a").isEmpty());
        Totals t = board.totalsProperty().get();
        assertEquals(2, t.calls(), "an ended call that left the board still counts today");
        assertEquals(1, t.live());
        assertEquals(1, t.byReflection().get("successful_call"));

        board.apply(List.of(), t0.plus(Duration.ofHours(3)));
        assertEquals(List.of("hw-b"), board.allRows().stream().map(CallRow::id).toList(), "a live call stays");
    }

    @Test
    void aTickCostsWhatChangedNotWhatTheShiftHasSeen() {
        for (int i = 0; i < 500; i++) {
            ended(String.format("hw-%03d", i), String.format("+1555%07d", i));
        }
        Call live = call("hw-live", "+15559999999");
        board.apply(inbox.drain(), Instant.now());
        assertEquals(501, board.allRows().size());
        assertEquals(501, board.totalsProperty().get().calls());

        live.moveTo(CallState.RINGING);
        board.apply(inbox.drain(), Instant.now());
        assertTrue(board.lastTickWork() <= 2, "one read and one live clock, not 501 rows: " + board.lastTickWork());
        board.apply(List.of(), Instant.now());
        assertEquals(1, board.lastTickWork(), "an empty tick only advances the live call's clock");
        assertEquals(501, board.totalsProperty().get().calls());
        assertEquals(1, board.totalsProperty().get().live());
    }

    @Test
    void totalsFollowEachCallsLatestFiguresAndStartAgainTheNextDay() {
        Call a = call("hw-a", "+15550000001");
        a.addUsage(new Usage(100, 50, 150, 100, 0, 0, 0, 0, 10, 40), 0.01);
        board.apply(inbox.drain(), Instant.now());
        assertEquals(150, board.totalsProperty().get().tokens());
        a.addUsage(new Usage(100, 50, 150, 100, 0, 0, 0, 0, 10, 40), 0.01);
        a.reflection("user_hung_up");
        board.apply(inbox.drain(), Instant.now());
        a.reflection("successful_call");
        board.apply(inbox.drain(), Instant.now());
        Totals t = board.totalsProperty().get();
        assertEquals(300, t.tokens(), "the call's total, not the sum of its updates");
        assertEquals(0.02, t.costUsd(), 1e-9);
        assertEquals(java.util.Map.of("successful_call", 1), t.byReflection());

        board.apply(List.of(), Instant.now().plus(Duration.ofDays(1)));
        assertEquals(0, board.totalsProperty().get().calls(), "yesterday's calls are not today's");
        assertEquals(1, board.totalsProperty().get().live());
    }

    /** Before: the notice of a failed call read "carrier_failed". */
    @Test
    void aFailedCallsNoticeSaysWhyInWords() {
        List<Notice> notices = new ArrayList<>();
        board.onNotice(notices::add);
        Call a = call("hw-a", "+15550000001");
        a.moveTo(CallState.FAILED);
        board.apply(inbox.drain(), Instant.now());
        assertEquals(List.of("The carrier could not connect the call (carrier_failed)"),
                notices.stream().filter(n -> n.title().equals("Call failed")).map(Notice::text).toList());
    }

    @Test
    void aDeletedCallLeavesTheBoardAndTodaysTotalsAtOnce() {
        Call a = ended("hw-a", "+15550000001");
        a.addUsage(new Usage(100, 50, 150, 100, 0, 0, 0, 0, 10, 40), 0.01);
        call("hw-b", "+15550000002");
        Instant t0 = Instant.now();
        board.apply(inbox.drain(), t0);
        assertEquals(2, board.totalsProperty().get().calls());

        registry.forget("hw-a"); // what CallHistory.delete does, then it publishes CallDeleted
        bus.publish(new CallEvent.CallDeleted("hw-a", t0));
        board.apply(inbox.drain(), t0.plusSeconds(1));
        assertEquals(List.of("hw-b"), board.allRows().stream().map(CallRow::id).toList());
        assertTrue(board.row("hw-a").isEmpty());
        Totals t = board.totalsProperty().get();
        assertEquals(1, t.calls(), "a deleted call no longer counts today");
        assertEquals(0, t.tokens());
        assertEquals(0, t.costUsd(), 1e-9);

        board.apply(List.of(), t0.plus(BoardViewModel.ENDED_CALLS_STAY).plusSeconds(5));
        assertEquals(1, board.totalsProperty().get().calls(), "its expiry finds it gone");
    }

    @Test
    void todaysTotalsCountTheCallsTheStoreHasFromBeforeTheStart() {
        EventBus<CallEvent> elsewhere = new EventBus<>();
        Instant now = Instant.now();
        Call earlier = new Call("hw-old", "+15550000009", null, CallSettings.defaults("gpt-realtime"), true, elsewhere,
                Clock.systemUTC());
        earlier.reflection("successful_call");
        earlier.addUsage(new Usage(100, 50, 150, 100, 0, 0, 0, 0, 10, 40), 0.01);
        earlier.endBecause(EndReason.OPERATOR_HUNG_UP);
        earlier.moveTo(CallState.CANCELED);
        Call alsoLive = call("hw-live", "+15550000001");

        board.apply(inbox.drain(), now);
        board.seedToday(List.of(earlier.snapshot(), alsoLive.snapshot()));
        Totals t = board.totalsProperty().get();
        assertEquals(2, t.calls(), "the stored call counts once, the live one is not counted twice");
        assertEquals(1, t.live());
        assertEquals(150, t.tokens());
        assertEquals(1, t.byReflection().get("successful_call"));
        assertEquals(List.of("hw-live"), board.allRows().stream().map(CallRow::id).toList(),
                "past calls count but do not come back on the live board");

        bus.publish(new CallEvent.CallDeleted("hw-old", now));
        board.apply(inbox.drain(), now.plusSeconds(1));
        assertEquals(1, board.totalsProperty().get().calls(), "deleting a stored call of today drops it too");
    }

    @Test
    void anEmptyBoardSaysWhetherThereAreNoCallsOrTheFilterHidesThem() {
        assertEquals(BoardViewModel.NO_CALLS, board.placeholder().get());
        ended("hw-a", "+15550000001");
        board.apply(inbox.drain(), Instant.now());
        board.filterProperty().set(StateFilter.LIVE);
        assertTrue(board.visibleRows().isEmpty());
        assertEquals("No calls match the filter. Choose \"All calls\" or clear the search.", board.placeholder().get());
    }
}
