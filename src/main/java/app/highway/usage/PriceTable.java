package app.highway.usage;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Prices per model. A dated snapshot ({@code gpt-realtime-2025-08-28}) uses the price of the
 * longest model name it starts with. Prices change: the console lets the operator edit them.
 */
public final class PriceTable {
    private final Map<String, ModelPrice> prices;

    public PriceTable(Map<String, ModelPrice> prices) {
        this.prices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(prices));
    }

    /** OpenAI's published Realtime prices (USD per 1M tokens) when this table was written. */
    public static PriceTable defaults() {
        Map<String, ModelPrice> p = new LinkedHashMap<>();
        p.put("gpt-realtime", new ModelPrice(4.00, 0.40, 16.00, 32.00, 0.40, 64.00));
        p.put("gpt-realtime-mini", new ModelPrice(0.60, 0.06, 2.40, 10.00, 0.30, 20.00));
        return new PriceTable(p);
    }

    public Optional<ModelPrice> priceFor(String model) {
        if (model == null) {
            return Optional.empty();
        }
        return prices.entrySet().stream()
                .filter(e -> model.equals(e.getKey()) || model.startsWith(e.getKey() + "-"))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }

    /** Cost in USD, or 0 for a model without a price (the operator is told once, at call start). */
    public double cost(String model, Usage usage) {
        return priceFor(model).map(p -> p.cost(usage)).orElse(0.0);
    }

    public Map<String, ModelPrice> asMap() {
        return prices;
    }
}
