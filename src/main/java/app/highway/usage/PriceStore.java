package app.highway.usage;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price table, editable by the operator and kept in {@code prices.json} in the data dir.
 * A call is priced with the table current when it started.
 */
public final class PriceStore {
    private static final Logger log = LoggerFactory.getLogger(PriceStore.class);
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final AtomicReference<PriceTable> current;

    public PriceStore(Path dataDir) {
        this.file = dataDir.resolve("prices.json");
        this.current = new AtomicReference<>(load());
    }

    public PriceTable current() {
        return current.get();
    }

    public void save(PriceTable table) {
        for (var e : table.asMap().entrySet()) {
            ModelPrice p = e.getValue();
            double[] all = {p.textInput(), p.cachedTextInput(), p.textOutput(), p.audioInput(), p.cachedAudioInput(),
                    p.audioOutput()};
            for (double v : all) {
                if (!(v >= 0) || v > 10_000) {
                    throw new IllegalArgumentException("prices for " + e.getKey() + " must be between 0 and 10000 "
                            + "USD per 1M tokens");
                }
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("prices.json.tmp");
            json.writeValue(tmp.toFile(), new LinkedHashMap<>(table.asMap()));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save prices to " + file, e);
        }
        current.set(table);
    }

    private PriceTable load() {
        if (!Files.exists(file)) {
            return PriceTable.defaults();
        }
        try {
            Map<String, ModelPrice> saved = json.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, ModelPrice>>() { });
            return new PriceTable(saved);
        } catch (IOException e) {
            log.warn("Ignoring unreadable price table {}: {}", file, e.getMessage());
            return PriceTable.defaults();
        }
    }
}
