package app.highway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.config.Json;
import app.highway.store.SqlCallStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class PriceTableTest {
    private final PriceTable prices = PriceTable.defaults();

    @Test
    void aMinuteOfGptRealtimeCostsWhatOpenAiCharges() {
        // one minute each way: input audio 1 token/100 ms, output audio 1 token/50 ms
        Usage minute = new Usage(600 + 1000, 1200, 2800, 1000, 600, 0, 0, 0, 0, 1200);
        double cost = prices.cost("gpt-realtime", minute);
        assertEquals((1000 * 4.0 + 600 * 32.0 + 1200 * 64.0) / 1e6, cost, 1e-12);
    }

    @Test
    void cachedTokensAreBilledAtTheCachedPrice() {
        Usage u = new Usage(1000, 0, 1000, 1000, 0, 800, 800, 0, 0, 0);
        assertEquals((200 * 4.0 + 800 * 0.40) / 1e6, prices.cost("gpt-realtime", u), 1e-12);
    }

    @Test
    void datedSnapshotsUseTheirFamilysPrice() {
        assertEquals(prices.priceFor("gpt-realtime-mini").orElseThrow(),
                prices.priceFor("gpt-realtime-mini-2025-10-06").orElseThrow());
        assertEquals(prices.priceFor("gpt-realtime").orElseThrow(),
                prices.priceFor("gpt-realtime-2025-08-28").orElseThrow());
        assertTrue(prices.priceFor("gpt-4o-realtime-preview").isEmpty());
    }

    @Test
    void transcriptionIsPricedAtTheTranscriptionModelsTokenPrices() {
        TranscriptionUsage u = TranscriptionUsage.tokens(20, 1000, 50); // text in, audio in, text out
        assertEquals((1000 * 3.00 + 20 * 1.25 + 50 * 5.00) / 1e6, prices.transcriptionCost("gpt-4o-mini-transcribe", u),
                1e-12);
        assertEquals((1000 * 6.00 + 20 * 2.50 + 50 * 10.00) / 1e6, prices.transcriptionCost("gpt-4o-transcribe", u),
                1e-12);
        assertEquals(prices.transcriptionPriceFor("gpt-4o-transcribe").orElseThrow(),
                prices.transcriptionPriceFor("gpt-4o-transcribe-2025-03-20").orElseThrow());
        // the voice model's prices do not apply to transcription, nor the other way round
        assertEquals(0.0, prices.transcriptionCost("gpt-realtime", u));
        assertTrue(prices.priceFor("gpt-4o-mini-transcribe").isEmpty());
    }

    @Test
    void aGptLiveSessionIsPricedPerSecondAtItsRatePerMinute() {
        assertEquals(0.075, prices.sessionCost("gpt-live-1", 90), 1e-12, "90 s at $0.05 a minute, not rounded up");
        assertEquals(0.075, prices.sessionCost("gpt-live-1-2026-11-20", 90), 1e-12, "a dated snapshot: its family");
        assertEquals(0, prices.sessionCost("gpt-realtime", 90), "a Realtime model bills tokens, not time");
        assertEquals(0, prices.cost("gpt-live-1", new Usage(1000, 1000, 2000, 500, 500, 0, 0, 0, 500, 500)),
                "GPT-Live has no token prices");
    }

    @Test
    void whisperIsPricedPerMinuteOfAudio() {
        assertEquals(0.006, prices.transcriptionCost("whisper-1", TranscriptionUsage.duration(60)), 1e-12);
        assertEquals(0.006 * 7.5 / 60, prices.transcriptionCost("whisper-1", TranscriptionUsage.duration(7.5)), 1e-12);
        assertEquals(0.0, prices.transcriptionCost("whisper-1", null));
        assertEquals(0.0, prices.transcriptionCost("no-such-transcriber", TranscriptionUsage.duration(60)));
    }

    @Test
    void usageAddsUpBothKinds() {
        TranscriptionUsage sum = TranscriptionUsage.tokens(1, 2, 3).plus(TranscriptionUsage.duration(4.5))
                .plus(TranscriptionUsage.tokens(10, 20, 30));
        assertEquals(new TranscriptionUsage(33, 11, 22, 33, 66, 4.5), sum);
        assertTrue(TranscriptionUsage.ZERO.isZero());
    }

    @Test
    void theOperatorsTranscriptionPricesAreKeptApartAndSurviveEditingTheVoicePrices(@TempDir Path dir)
            throws Exception {
        try (SqlCallStore db = SqlCallStore.sqlite(dir, Json.mapper())) {
        PriceStore store = new PriceStore(db.shared(), dir);
        assertEquals(PriceTable.defaultTranscriptionPrices(), store.current().transcriptionPrices());
        PriceTable edited = new PriceTable(store.current().asMap(),
                Map.of("whisper-1", new TranscriptionPrice(0, 0, 0, 0.01)));
        store.save(edited);
        // what the console's settings save: the voice prices, with the transcription prices as they were
        store.save(store.current().withModelPrices(Map.of("gpt-realtime", new ModelPrice(1, 1, 1, 1, 1, 1))));
        PriceTable reloaded = new PriceStore(db.shared(), dir).current();
        assertEquals(0.01, reloaded.transcriptionPriceFor("whisper-1").orElseThrow().perMinute());
        // a model missing from the operator's file keeps its default price
        assertEquals(PriceTable.defaultTranscriptionPrices().get("gpt-4o-transcribe"),
                reloaded.transcriptionPriceFor("gpt-4o-transcribe").orElseThrow());
        assertEquals(1.0, reloaded.priceFor("gpt-realtime").orElseThrow().textInput());
        }
    }

    @Test
    void aPriceTableSavedBeforeTranscriptionWasPricedGetsTheDefaultTranscriptionPrices(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("prices.json"), "{\"gpt-realtime\":{\"textInput\":4.0,\"cachedTextInput\":0.4,"
                + "\"textOutput\":16.0,\"audioInput\":32.0,\"cachedAudioInput\":0.4,\"audioOutput\":64.0}}");
        try (SqlCallStore db = SqlCallStore.sqlite(dir, Json.mapper())) {
            PriceTable loaded = new PriceStore(db.shared(), dir).current();
            assertEquals(PriceTable.defaultTranscriptionPrices(), loaded.transcriptionPrices());
            assertEquals(32.0, loaded.priceFor("gpt-realtime").orElseThrow().audioInput());
        }
    }

    @Test
    void negativeTranscriptionPricesAreRefused(@TempDir Path dir) {
        try (SqlCallStore db = SqlCallStore.sqlite(dir, Json.mapper())) {
            PriceStore store = new PriceStore(db.shared(), dir);
            PriceTable bad = new PriceTable(store.current().asMap(),
                    Map.of("whisper-1", new TranscriptionPrice(0, 0, 0, -1)));
            org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> store.save(bad));
        }
    }
}
