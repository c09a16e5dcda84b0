package app.highway.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
}
