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
 * The price table, editable by the operator and kept in the data dir: the voice models' prices in
 * {@code prices.json} (USD per 1M tokens), the transcription models' in {@code transcription-prices.json}
 * (USD per 1M tokens, or per minute for a model billed by duration such as whisper-1). A missing file means
 * the defaults of {@link PriceTable}; a transcription model missing from its file gets its default price.
 * A call is priced with the table current when it started.
 */
public final class PriceStore {
    private static final Logger log = LoggerFactory.getLogger(PriceStore.class);
    private final Path file;
    private final Path transcriptionFile;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final AtomicReference<PriceTable> current;

    public PriceStore(Path dataDir) {
        this.file = dataDir.resolve("prices.json");
        this.transcriptionFile = dataDir.resolve("transcription-prices.json");
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
        for (var e : table.transcriptionPrices().entrySet()) {
            for (double v : e.getValue().values()) {
                if (!(v >= 0) || v > 10_000) {
                    throw new IllegalArgumentException("prices for " + e.getKey() + " must be between 0 and 10000 "
                            + "USD per 1M tokens or per minute");
                }
            }
        }
        write(file, new LinkedHashMap<>(table.asMap()));
        write(transcriptionFile, new LinkedHashMap<>(table.transcriptionPrices()));
        current.set(table);
    }

    private void write(Path target, Object value) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), value);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save prices to " + target, e);
        }
    }

    private PriceTable load() {
        Map<String, ModelPrice> voice = PriceTable.defaults().asMap();
        if (Files.exists(file)) {
            try {
                voice = json.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, ModelPrice>>() { });
            } catch (IOException e) {
                log.warn("Ignoring unreadable price table {}: {}", file, e.getMessage());
            }
        }
        Map<String, TranscriptionPrice> transcription = new LinkedHashMap<>(PriceTable.defaultTranscriptionPrices());
        if (Files.exists(transcriptionFile)) {
            try {
                transcription.putAll(json.readValue(transcriptionFile.toFile(),
                        new TypeReference<LinkedHashMap<String, TranscriptionPrice>>() { }));
            } catch (IOException e) {
                log.warn("Ignoring unreadable transcription price table {}: {}", transcriptionFile, e.getMessage());
            }
        }
        return new PriceTable(voice, transcription);
    }
}
