package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.CallSettings;
import app.highway.config.ConcurrentChange;
import app.highway.config.PromptHistory;
import app.highway.config.SettingsStore;
import app.highway.usage.ModelPrice;
import app.highway.usage.PriceStore;
import app.highway.usage.PriceTable;
import app.highway.usage.TranscriptionPrice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call settings, prices and system-message versions in the store (V5), as bridges see them: a fresh
 * install starts with the defaults; an upgraded one gets the files it kept them in imported once (and
 * never read again); two bridges on one database see each other's saves, and saving at once loses none.
 */
abstract class SharedSettingsContract {
    private static final CallSettings DEFAULTS = CallSettings.defaults("gpt-realtime");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ZoneOffset.UTC);
    private final List<SqlCallStore> opened = new ArrayList<>();
    private TestDatabase db;
    @TempDir
    Path dataDir;

    abstract TestDatabase newDatabase();

    @BeforeEach
    void setUp() {
        db = newDatabase();
    }

    @AfterEach
    void tearDown() {
        opened.forEach(SqlCallStore::close);
        db.close();
    }

    /** One bridge's view of the database (its own connections, as a bridge of a fleet has). */
    private SqlSharedSettings bridge() {
        SqlCallStore store = db.open(null);
        opened.add(store);
        return store.shared();
    }

    @Test
    void aFreshInstallStartsWithTheDefaults() {
        SqlSharedSettings shared = bridge();
        assertEquals(DEFAULTS, new SettingsStore(shared, DEFAULTS, dataDir).current());
        assertEquals("shimmer", DEFAULTS.voice(), "the seed's voice");
        assertEquals(0.95, DEFAULTS.vadThreshold(), "the seed's VAD threshold");
        assertEquals(PriceTable.defaults().asMap(), new PriceStore(shared, dataDir).current().asMap());
        List<PromptHistory.Version> versions = new PromptHistory(shared, CLOCK, dataDir).versions();
        assertEquals(1, versions.size());
        assertEquals(1, versions.get(0).version());
        assertEquals(CallSettings.SEED_SYSTEM_MESSAGE, versions.get(0).instructions());
        // a second bridge starting on it seeds nothing more
        assertEquals(versions, new PromptHistory(bridge(), CLOCK, null).versions());
    }

    @Test
    void anUpgradedBridgesFilesAreImportedOnceAndNeverReadAgain() throws Exception {
        db.migrateTo("4"); // the database as the release before left it
        CallSettings saved = DEFAULTS.withPrompt("Be brief.", "SYSTEM:(Code {code})", 3);
        saved = new CallSettings(saved.model(), "cedar", saved.temperature(), 0.72, saved.prefixPaddingMs(),
                saved.silenceDurationMs(), saved.transcriptionModel(), saved.maxCallSeconds(),
                saved.ringTimeoutSeconds(), saved.instructions(), saved.verificationTemplate(), saved.promptVersion());
        Files.writeString(dataDir.resolve("settings.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(saved));
        Files.writeString(dataDir.resolve("prices.json"), "{\"gpt-realtime\":{\"textInput\":4.0,\"cachedTextInput\":0.4,"
                + "\"textOutput\":16.0,\"audioInput\":30.0,\"cachedAudioInput\":0.4,\"audioOutput\":60.0}}");
        Files.writeString(dataDir.resolve("transcription-prices.json"),
                "{\"whisper-1\":{\"audioInput\":0,\"textInput\":0,\"textOutput\":0,\"perMinute\":0.01}}");
        Files.writeString(dataDir.resolve("prompts.json"), """
                [{"version":1,"savedAt":"1970-01-01T00:00:00Z","instructions":"seed","verificationTemplate":"{code}"},
                 {"version":2,"savedAt":"2026-01-02T10:00:00Z","instructions":"Hi","verificationTemplate":"{code}",
                  "savedBy":"olive"},
                 {"version":3,"savedAt":"2026-01-03T10:00:00Z","instructions":"Be brief.",
                  "verificationTemplate":"SYSTEM:(Code {code})","savedBy":"olive"}]""");

        SqlSharedSettings shared = bridge();
        assertEquals(saved, new SettingsStore(shared, DEFAULTS, dataDir).current());
        PriceTable prices = new PriceStore(shared, dataDir).current();
        assertEquals(30.0, prices.priceFor("gpt-realtime").orElseThrow().audioInput());
        assertEquals(0.01, prices.transcriptionPriceFor("whisper-1").orElseThrow().perMinute());
        assertEquals(PriceTable.defaultTranscriptionPrices().get("gpt-4o-transcribe"),
                prices.transcriptionPriceFor("gpt-4o-transcribe").orElseThrow(), "a model the file lacked: default");
        List<PromptHistory.Version> versions = new PromptHistory(shared, CLOCK, dataDir).versions();
        assertEquals(List.of(1, 2, 3), versions.stream().map(PromptHistory.Version::version).toList());
        assertEquals("olive", versions.get(2).savedBy());
        assertEquals(Instant.parse("2026-01-03T10:00:00Z"), versions.get(2).savedAt());
        for (String name : List.of("settings.json", "prices.json", "transcription-prices.json", "prompts.json")) {
            assertFalse(Files.exists(dataDir.resolve(name)), name + " left in place");
            assertTrue(Files.exists(dataDir.resolve(name + ".imported")), name + " renamed");
        }

        // a file that turns up again later (an old backup restored) is not read: the store is
        Files.writeString(dataDir.resolve("settings.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(DEFAULTS));
        assertEquals(saved, new SettingsStore(bridge(), DEFAULTS, dataDir).current());
        assertTrue(Files.exists(dataDir.resolve("settings.json.unused")));
    }

    @Test
    void aSaveOnOneBridgeIsReadByTheOtherAndASaveFromAnOutdatedCopyIsRefusedNotLost() {
        SettingsStore onA = new SettingsStore(bridge(), DEFAULTS, null);
        SettingsStore onB = new SettingsStore(bridge(), DEFAULTS, null);
        CallSettings fromA = DEFAULTS.withPrompt(DEFAULTS.instructions(), DEFAULTS.verificationTemplate(), 1);
        fromA = new CallSettings(fromA.model(), "sage", fromA.temperature(), fromA.vadThreshold(),
                fromA.prefixPaddingMs(), fromA.silenceDurationMs(), fromA.transcriptionModel(),
                fromA.maxCallSeconds(), fromA.ringTimeoutSeconds(), fromA.instructions(),
                fromA.verificationTemplate(), fromA.promptVersion());
        onA.save(fromA);
        CallSettings fromB = new CallSettings(DEFAULTS.model(), DEFAULTS.voice(), DEFAULTS.temperature(), 0.8,
                DEFAULTS.prefixPaddingMs(), DEFAULTS.silenceDurationMs(), DEFAULTS.transcriptionModel(),
                DEFAULTS.maxCallSeconds(), DEFAULTS.ringTimeoutSeconds(), DEFAULTS.instructions(),
                DEFAULTS.verificationTemplate(), DEFAULTS.promptVersion());
        // B has not heard of A's save yet: its save would silently undo A's voice, so it is refused
        CallSettings stale = fromB;
        assertThrows(ConcurrentChange.class, () -> onB.save(stale));
        assertEquals(fromA, onB.current(), "B now holds what A saved");
        CallSettings merged = new CallSettings(fromA.model(), fromA.voice(), fromA.temperature(), 0.8,
                fromA.prefixPaddingMs(), fromA.silenceDurationMs(), fromA.transcriptionModel(),
                fromA.maxCallSeconds(), fromA.ringTimeoutSeconds(), fromA.instructions(),
                fromA.verificationTemplate(), fromA.promptVersion());
        onB.save(merged);
        onA.reload();
        assertEquals(merged, onA.current());

        PriceStore pricesA = new PriceStore(bridge(), null);
        PriceStore pricesB = new PriceStore(bridge(), null);
        pricesA.save(new PriceTable(Map.of("gpt-realtime", new ModelPrice(1, 1, 1, 1, 1, 1)),
                Map.of("whisper-1", new TranscriptionPrice(0, 0, 0, 0.02))));
        assertThrows(ConcurrentChange.class, () -> pricesB.save(PriceTable.defaults()));
        assertEquals(1.0, pricesB.current().priceFor("gpt-realtime").orElseThrow().audioOutput());
        pricesB.save(PriceTable.defaults());
        pricesA.reload();
        assertEquals(PriceTable.defaults().asMap(), pricesA.current().asMap());
    }

    @Test
    void systemMessagesSavedAtOnceOnTwoBridgesEachGetTheirOwnNumber() throws Exception {
        PromptHistory onA = new PromptHistory(bridge(), CLOCK, null);
        PromptHistory onB = new PromptHistory(bridge(), CLOCK, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<PromptHistory.Version>> saves = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                PromptHistory on = i % 2 == 0 ? onA : onB;
                String text = "Message " + i;
                String by = i % 2 == 0 ? "ann" : "sue";
                saves.add(() -> on.save(text, "{code}", by));
            }
            Set<Integer> numbers = new HashSet<>();
            for (Future<PromptHistory.Version> f : pool.invokeAll(saves)) {
                assertTrue(numbers.add(f.get().version()), "version " + f.get().version() + " given twice");
            }
            assertEquals(20, numbers.size());
        } finally {
            pool.shutdownNow();
        }
        onA.reload();
        List<PromptHistory.Version> all = onA.versions();
        assertEquals(21, all.size(), "the seed and every save: " + all);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).version());
        }
        Set<String> texts = new HashSet<>();
        all.forEach(v -> texts.add(v.instructions()));
        for (int i = 0; i < 20; i++) {
            assertTrue(texts.contains("Message " + i), "Message " + i + " lost");
        }
        // saving a text already saved (on the other bridge) gives its version, never a duplicate
        assertEquals(all.get(5).version(), onB.save(all.get(5).instructions(), "{code}", "sue").version());
    }
}
