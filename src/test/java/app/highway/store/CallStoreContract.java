package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.Call;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.CodeRedactor;
import app.highway.call.EndReason;
import app.highway.call.Speaker;
import app.highway.config.CallSettings;
import app.highway.config.Json;
import app.highway.event.EventBus;
import app.highway.usage.TranscriptionUsage;
import app.highway.usage.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the call history does, whatever the database: round trips, paging, filters, statistics,
 * export, deletion, retention, the calls a restart recovers, migrating an older database. Each
 * database runs it in a subclass ({@link SqliteCallStoreTest}, {@link PostgresCallStoreTest}), each
 * test on a fresh database.
 */
abstract class CallStoreContract {
    static final String BRIDGE = "bridge-a";
    TestDatabase db;
    SqlCallStore store;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        store = db.open(BRIDGE);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static CallSnapshot call(String id, Instant created, CallState state, String reflection) {
        Clock clock = Clock.fixed(created, ZoneOffset.UTC);
        Call c = new Call(id, "+1555000" + id.substring(id.length() - 4), "note " + id,
                CallSettings.defaults("gpt-realtime"), false, new EventBus<>(), clock);
        c.protectCode("4567");
        c.placed("CA" + id);
        c.moveTo(CallState.RINGING);
        c.transcriptFinal("a1", Speaker.ASSISTANT, "Your code is 4, 5, 6, 7.");
        c.transcriptFinal("c1", Speaker.CALLER, "Four five six seven, thanks");
        c.addUsage(new Usage(100, 40, 140, 80, 20, 10, 10, 0, 5, 35), 0.0123);
        if (reflection != null) {
            c.reflection(reflection);
        }
        if (state.isFinal()) {
            c.endBecause(EndReason.ASSISTANT_HUNG_UP);
            c.moveTo(CallState.IN_PROGRESS);
            c.moveTo(state);
        } else if (state == CallState.IN_PROGRESS) {
            c.moveTo(state);
        }
        return c.redactedSnapshot();
    }

    @Test
    void aCallRoundTripsWithTranscriptTimelineUsageAndSettings() {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        CallSnapshot saved = call("hw-0001", t, CallState.COMPLETED, "successful_call");
        store.save(List.of(saved));
        CallSnapshot read = store.find("CAhw-0001").orElseThrow();
        assertEquals(saved.id(), read.id());
        assertEquals(CallState.COMPLETED, read.state());
        assertEquals("successful_call", read.reflection());
        assertEquals("assistant_hung_up", read.endReason());
        assertEquals(saved.usage(), read.usage());
        assertEquals(0.0123, read.costUsd(), 1e-12);
        assertEquals(saved.settings(), read.settings());
        assertEquals(List.of("Your code is " + CodeRedactor.MASK + ".", CodeRedactor.MASK + ", thanks"),
                read.transcript().stream().map(l -> l.text()).toList());
        assertEquals(saved.timeline(), read.timeline());
        assertEquals(saved.createdAt().toEpochMilli(), read.createdAt().toEpochMilli());
        assertEquals(saved.answeredAt(), read.answeredAt());

        // saving again appends to the timeline, never duplicates it
        store.save(List.of(saved));
        assertEquals(saved.timeline(), store.find("hw-0001").orElseThrow().timeline());
        assertEquals(2, store.find("hw-0001").orElseThrow().transcript().size());
    }

    @Test
    void theTranscriptionsUsageAndCostRoundTripApartFromTheVoiceModels() {
        Instant t = Instant.parse("2026-11-21T10:00:00Z");
        Call c = new Call("hw-0t01", "+15550001234", null, CallSettings.defaults("gpt-realtime"), false,
                new EventBus<>(), Clock.fixed(t, ZoneOffset.UTC));
        c.addUsage(new Usage(100, 40, 140, 80, 20, 10, 10, 0, 5, 35), 0.0123);
        c.addTranscriptionUsage(TranscriptionUsage.tokens(3, 200, 12), 0.000667);
        c.addTranscriptionUsage(TranscriptionUsage.duration(4.25), 0.000425);
        CallSnapshot saved = c.redactedSnapshot();
        store.save(List.of(saved));
        CallSnapshot read = store.find("hw-0t01").orElseThrow();
        assertEquals(saved.transcriptionUsage(), read.transcriptionUsage());
        assertEquals(new TranscriptionUsage(203, 3, 200, 12, 215, 4.25), read.transcriptionUsage());
        assertEquals(0.000667 + 0.000425, read.transcriptionCostUsd(), 1e-12);
        assertEquals(0.0123, read.voiceCostUsd(), 1e-12);
        assertEquals(0.0123 + 0.000667 + 0.000425, read.costUsd(), 1e-12);
        assertEquals(saved.usage(), read.usage());
    }

    @Test
    void callsRecordedBeforeTranscriptionWasPricedReadAsAllVoice() throws Exception {
        store.close();
        store = null;
        TestDatabase old = newDatabase();
        try {
            old.migrateTo("1");
            old.execute("INSERT INTO calls (id, call_sid, to_number, state, created_at, model, voice, "
                    + "prompt_version, simulated, input_tokens, output_tokens, total_tokens, input_text_tokens, "
                    + "input_audio_tokens, cached_tokens, cached_text_tokens, cached_audio_tokens, output_text_tokens, "
                    + "output_audio_tokens, cost_usd, settings_json, updated_at) VALUES ('hw-old1', 'CAold1', "
                    + "'+15550001234', 'completed', 1, 'gpt-realtime', 'shimmer', 1, 0, 10, 5, 15, 10, 0, 0, 0, 0, 5, "
                    + "0, 0.0042, '" + Json.mapper().writeValueAsString(CallSettings.defaults("gpt-realtime"))
                    + "', 1)");
            try (SqlCallStore migrated = old.open(BRIDGE)) { // migrates to the latest version
                CallSnapshot read = migrated.find("hw-old1").orElseThrow();
                assertEquals(0.0042, read.costUsd(), 1e-12);
                assertEquals(0.0042, read.voiceCostUsd(), 1e-12);
                assertEquals(0.0, read.transcriptionCostUsd());
                assertEquals(TranscriptionUsage.ZERO, read.transcriptionUsage());
            }
        } finally {
            old.close();
        }
    }

    @Test
    void aCallLeftLiveBeforeCallsHadABridgeIsRecoveredByTheFirstBridgeToStart() throws Exception {
        store.close();
        store = null;
        TestDatabase old = newDatabase();
        try {
            old.migrateTo("2");
            old.execute("INSERT INTO calls (id, call_sid, to_number, state, created_at, model, voice, "
                    + "prompt_version, simulated, input_tokens, output_tokens, total_tokens, input_text_tokens, "
                    + "input_audio_tokens, cached_tokens, cached_text_tokens, cached_audio_tokens, output_text_tokens, "
                    + "output_audio_tokens, cost_usd, settings_json, updated_at) VALUES ('hw-old2', 'CAold2', "
                    + "'+15550001234', 'in-progress', 1, 'gpt-realtime', 'shimmer', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                    + "0, 0, '" + Json.mapper().writeValueAsString(CallSettings.defaults("gpt-realtime")) + "', 1)");
            try (SqlCallStore upgraded = old.open(BRIDGE)) {
                assertEquals(List.of("hw-old2"), upgraded.ownUnfinished().stream().map(CallSnapshot::id).toList());
            }
        } finally {
            old.close();
        }
    }

    @Test
    void pagesFiltersAndNewestFirst() {
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        List<CallSnapshot> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.add(call(String.format("hw-%04d", i), t0.plus(Duration.ofHours(i)),
                    i % 5 == 0 ? CallState.NO_ANSWER : CallState.COMPLETED,
                    i % 5 == 0 ? null : i % 2 == 0 ? "successful_call" : "unsuccessful_call"));
        }
        store.save(all);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            CallPage page = store.list(new CallQuery(null, null, null, null, null, 10, cursor));
            page.calls().forEach(c -> seen.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(25, seen.size());
        assertEquals(25, seen.stream().distinct().count(), "no call on two pages");
        assertEquals("hw-0024", seen.get(0));
        assertEquals("hw-0000", seen.get(24));

        assertEquals(5, store.list(new CallQuery(null, null, CallState.NO_ANSWER, null, null, 100, null)).calls().size());
        assertEquals(10, store.list(new CallQuery(null, null, null, "successful_call", null, 100, null)).calls().size());
        CallPage window = store.list(new CallQuery(t0.plus(Duration.ofHours(10)), t0.plus(Duration.ofHours(12)), null,
                null, null, 100, null));
        assertEquals(List.of("hw-0011", "hw-0010"), window.calls().stream().map(CallSnapshot::id).toList());
        assertNull(window.nextCursor());
        assertEquals(1, store.list(new CallQuery(null, null, null, null, "0023", 100, null)).calls().size());
    }

    @Test
    void callsWithTheSameCreationTimePageByIdWithoutRepeatsOrGaps() {
        Instant t = Instant.parse("2026-11-02T00:00:00Z");
        List<CallSnapshot> same = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            same.add(call(String.format("hw-s%03d", i), t, CallState.COMPLETED, null));
        }
        store.save(same);
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            CallPage page = store.list(new CallQuery(null, null, null, null, null, 3, cursor));
            page.calls().forEach(c -> seen.add(c.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(List.of("hw-s006", "hw-s005", "hw-s004", "hw-s003", "hw-s002", "hw-s001", "hw-s000"), seen);
    }

    @Test
    void statisticsAndExportsReadTheStoredCalls() {
        Instant t = Instant.parse("2026-11-03T09:00:00Z");
        store.save(List.of(call("hw-0001", t, CallState.COMPLETED, "successful_call"),
                call("hw-0002", t.plusSeconds(60), CallState.COMPLETED, "unsuccessful_call"),
                call("hw-0003", t.plus(Duration.ofDays(1)), CallState.NO_ANSWER, null)));
        List<CallSnapshot> calls = store.list(CallQuery.all()).calls();
        CallStatistics.Summary summary = CallStatistics.of(calls, ZoneOffset.UTC);
        assertEquals(3, summary.calls());
        assertEquals(2, summary.days().size());
        assertEquals(1, summary.days().get(0).byReflection().get("successful_call"));
        assertEquals(1, summary.days().get(1).byReflection().get(CallStatistics.NO_REFLECTION));
        assertEquals(3 * 0.0123, summary.totalCostUsd(), 1e-9);

        String csv = CallExport.csv(calls, true);
        assertEquals(4, csv.strip().split("\n(?=hw-)").length, csv);
        assertTrue(csv.contains("assistant: Your code is " + CodeRedactor.MASK), csv);
        assertFalse(csv.contains("+15550000001"), "numbers masked");
        String json = CallExport.json(Json.mapper(), calls, false);
        assertTrue(json.contains("\"costUsd\":0.01230000"), json);
        assertTrue(json.contains("+15550000001"));
    }

    /** A finished call with the assistant's turns answered after these waits, in this order. */
    static CallSnapshot callWithTurns(String id, Instant created, long... waitsMs) {
        Call c = new Call(id, "+15550001234", null, CallSettings.defaults("gpt-realtime"), false, new EventBus<>(),
                Clock.fixed(created, ZoneOffset.UTC));
        c.moveTo(CallState.IN_PROGRESS);
        for (long wait : waitsMs) {
            c.turnMeasured(wait);
        }
        c.moveTo(CallState.COMPLETED);
        return c.redactedSnapshot();
    }

    @Test
    void turnLatenciesRoundTripOnceAndMakeEachDaysP50AndP90() {
        Instant day1 = Instant.parse("2026-11-10T09:00:00Z");
        Instant day2 = Instant.parse("2026-11-11T09:00:00Z");
        CallSnapshot a = callWithTurns("hw-0l01", day1, 620, 580, 910);
        store.save(List.of(a, callWithTurns("hw-0l02", day1.plusSeconds(60), 300, 1200),
                callWithTurns("hw-0l03", day2, 450), callWithTurns("hw-0l04", day2.plusSeconds(60))));
        store.save(List.of(a)); // written again: no turn twice

        CallSnapshot read = store.find("hw-0l01").orElseThrow();
        assertEquals(a.turnLatency(), read.turnLatency());
        assertEquals(List.of(620L, 580L, 910L), read.turnLatency().turns().stream().map(t -> t.latencyMs()).toList());
        assertEquals(3, read.turnLatency().count());
        assertEquals(910L, read.turnLatency().lastMs());
        assertEquals(620L, read.turnLatency().p50Ms());
        assertEquals(910L, read.turnLatency().p90Ms());
        assertEquals(0, store.find("hw-0l04").orElseThrow().turnLatency().count(), "a call without turns has none");
        assertNull(store.find("hw-0l04").orElseThrow().turnLatency().p50Ms());

        List<CallSnapshot> calls = store.list(CallQuery.all()).calls();
        CallStatistics.Summary summary = CallStatistics.of(calls, ZoneOffset.UTC);
        // day 1: 300, 580, 620, 910, 1200 -> p50 the 3rd (620), p90 the 5th (1200); day 2: 450 alone
        CallStatistics.Day first = summary.days().get(0);
        assertEquals(5, first.turns());
        assertEquals(620L, first.turnP50Ms());
        assertEquals(1200L, first.turnP90Ms());
        CallStatistics.Day second = summary.days().get(1);
        assertEquals(1, second.turns());
        assertEquals(450L, second.turnP50Ms());
        assertEquals(450L, second.turnP90Ms());

        String csv = CallExport.csv(calls, true);
        assertTrue(csv.lines().findFirst().orElseThrow()
                .endsWith(",turns,turnLatencyLastMs,turnLatencyP50Ms,turnLatencyP90Ms"), csv);
        assertTrue(csv.contains(",3,910,620,910\n"), csv);
        assertTrue(csv.contains(",0,,,\n"), "a call without turns has empty cells: " + csv);
        String json = CallExport.json(Json.mapper(), calls, false);
        assertTrue(json.contains("\"turnLatency\":{\"count\":3,\"lastMs\":910,\"p50Ms\":620,\"p90Ms\":910,"
                + "\"turns\":[{\"at\":\"2026-11-10T09:00:00Z\",\"latencyMs\":620}"), json);

        assertTrue(store.delete("hw-0l01"));
        store.save(List.of(a)); // a deleted call written again gets its turns again, once
        assertEquals(a.turnLatency(), store.find("hw-0l01").orElseThrow().turnLatency());
    }

    @Test
    void deletionAndRetentionLeaveLiveCallsAlone() {
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        store.save(List.of(call("hw-0001", old, CallState.COMPLETED, null), call("hw-0002", old, CallState.IN_PROGRESS,
                null), call("hw-0003", Instant.parse("2026-11-24T00:00:00Z"), CallState.COMPLETED, null)));
        assertEquals(1, store.deleteCreatedBefore(Instant.parse("2026-06-01T00:00:00Z")));
        assertTrue(store.find("hw-0001").isEmpty());
        assertTrue(store.find("hw-0002").isPresent(), "a live call is never purged");
        assertTrue(store.delete("hw-0003"));
        assertFalse(store.delete("hw-0003"));
        assertTrue(store.find("hw-0003").isEmpty());
    }

    @Test
    void unfinishedCallsAreFoundAndCanBeEnded() {
        Instant t = Instant.parse("2026-11-24T00:00:00Z");
        store.save(List.of(call("hw-0001", t, CallState.IN_PROGRESS, null), call("hw-0002", t, CallState.COMPLETED,
                null), call("hw-0003", t.plusSeconds(1), CallState.ENDING, null)));
        assertEquals(List.of("hw-0001", "hw-0003"), store.ownUnfinished().stream().map(CallSnapshot::id).toList(),
                "a call the bridge was still ending when it stopped is recovered too");
        assertTrue(store.markEnded("hw-0003", CallState.CANCELED, EndReason.BRIDGE_RESTARTED, t.plusSeconds(60),
                "recovered"));
        assertTrue(store.markEnded("hw-0001", CallState.COMPLETED, EndReason.BRIDGE_RESTARTED, t.plusSeconds(60),
                "recovered"));
        CallSnapshot ended = store.find("hw-0001").orElseThrow();
        assertEquals(CallState.COMPLETED, ended.state());
        assertEquals("bridge_restarted", ended.endReason());
        assertEquals("recovered", ended.timeline().get(ended.timeline().size() - 1).kind());
        assertTrue(store.ownUnfinished().isEmpty());
        assertFalse(store.markEnded("hw-0001", CallState.FAILED, EndReason.BRIDGE_RESTARTED, t.plusSeconds(90),
                "again"), "a call recorded as ended is ended once");
        assertEquals(ended, store.find("hw-0001").orElseThrow());
    }

    @Test
    void aCallRecordedAsEndedIsNeverWrittenBackToLive() {
        Instant t = Instant.parse("2026-11-24T00:00:00Z");
        CallSnapshot live = call("hw-0001", t, CallState.IN_PROGRESS, null);
        store.save(List.of(live));
        store.markEnded("hw-0001", CallState.COMPLETED, EndReason.BRIDGE_RESTARTED, t.plusSeconds(60), "recovered");
        CallSnapshot ended = store.find("hw-0001").orElseThrow();
        store.save(List.of(live)); // a late write of the live call (its bridge was cut off, not dead)
        assertEquals(ended, store.find("hw-0001").orElseThrow());
    }
}
