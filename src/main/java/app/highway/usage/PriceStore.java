package app.highway.usage;

import app.highway.config.ConcurrentChange;
import app.highway.config.LegacyFiles;
import app.highway.config.SharedDocuments;
import app.highway.config.VersionedDocument;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price table, editable by the operator, kept in the store as the shared document {@code prices}
 * (so every bridge of a fleet prices calls alike): the voice models' prices (USD per 1M tokens) and the
 * transcription models' (USD per 1M tokens, or per minute for a model billed by duration such as
 * whisper-1). Never saved: the defaults of {@link PriceTable}; a transcription model missing from the
 * saved table gets its default price. A call is priced with the table current when it started. Before
 * the store held it, it was {@code prices.json} and {@code transcription-prices.json} in the data dir:
 * imported at the first start (see {@link LegacyFiles}).
 */
public final class PriceStore {
    static final String DOCUMENT = "prices";
    private static final Logger log = LoggerFactory.getLogger(PriceStore.class);

    /** The saved document. */
    record Saved(Map<String, ModelPrice> models, Map<String, TranscriptionPrice> transcription) { }

    private final SharedDocuments shared;
    private final ObjectMapper json = new ObjectMapper();
    private final VersionedDocument.Format<PriceTable> format = new VersionedDocument.Format<>() {
        @Override
        public PriceTable read(String text) throws IOException {
            Saved s = json.readValue(text, Saved.class);
            return table(s.models(), s.transcription());
        }

        @Override
        public String write(PriceTable table) {
            try {
                return json.writeValueAsString(new Saved(table.asMap(), table.transcriptionPrices()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Prices that cannot be written as JSON", e);
            }
        }
    };
    private final VersionedDocument<PriceTable> document;

    /**
     * The prices of {@code shared}, after importing the price files of {@code legacyDataDir} (null: nothing
     * to import) if the store has none yet. Blocks (reads the store).
     */
    public PriceStore(SharedDocuments shared, Path legacyDataDir) {
        this.shared = shared;
        importFiles(LegacyFiles.find(legacyDataDir, "prices.json"),
                LegacyFiles.find(legacyDataDir, "transcription-prices.json"));
        this.document = new VersionedDocument<>(shared, DOCUMENT, "price table", PriceTable.defaults(), format);
    }

    public PriceTable current() {
        return document.current();
    }

    /**
     * Validates, saves and makes the table current for the next calls. Refused with a
     * {@link ConcurrentChange} if another bridge saved prices since this one last read them. May block.
     */
    public void save(PriceTable table) {
        for (var e : table.asMap().entrySet()) {
            ModelPrice p = e.getValue();
            double[] all = {p.textInput(), p.cachedTextInput(), p.textOutput(), p.audioInput(), p.cachedAudioInput(),
                    p.audioOutput(), p.sessionMinute()};
            for (double v : all) {
                if (!(v >= 0) || v > 10_000) {
                    throw new IllegalArgumentException("prices for " + e.getKey() + " must be between 0 and 10000 "
                            + "USD per 1M tokens or per session minute");
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
        // nothing changed: nothing written (the console's settings tab saves the prices with every save)
        document.save(table, (saved, next) -> saved.asMap().equals(next.asMap())
                && saved.transcriptionPrices().equals(next.transcriptionPrices()),
                "The prices were changed on another bridge meanwhile: look at them again and save your change again");
    }

    /** Reads the table again from the store (another bridge saved it). May block. */
    public void reload() {
        document.reload();
    }

    /** Runs {@code listener} after every save made here (not after a {@link #reload}). */
    public void onSaved(Runnable listener) {
        document.onSaved(listener);
    }

    /** The voice prices as saved (the defaults if none), transcription prices over the defaults. */
    private static PriceTable table(Map<String, ModelPrice> voice, Map<String, TranscriptionPrice> saved) {
        Map<String, TranscriptionPrice> transcription = new LinkedHashMap<>(PriceTable.defaultTranscriptionPrices());
        if (saved != null) {
            transcription.putAll(saved);
        }
        Map<String, ModelPrice> models = new LinkedHashMap<>(voice == null ? PriceTable.defaultModelPrices() : voice);
        if (voice != null) { // a model family added since the table was saved (gpt-live) gets its default price
            PriceTable.defaultModelPrices().forEach(models::putIfAbsent);
        }
        return new PriceTable(models, transcription);
    }

    private void importFiles(Optional<Path> voiceFile, Optional<Path> transcriptionFile) {
        if (voiceFile.isEmpty() && transcriptionFile.isEmpty()) {
            return;
        }
        if (shared.read(DOCUMENT).isPresent()) {
            voiceFile.ifPresent(f -> LegacyFiles.retire(f, false));
            transcriptionFile.ifPresent(f -> LegacyFiles.retire(f, false));
            return;
        }
        Map<String, ModelPrice> voice = null;
        Map<String, TranscriptionPrice> transcription = null;
        try {
            if (voiceFile.isPresent()) {
                voice = json.readValue(voiceFile.get().toFile(),
                        new TypeReference<LinkedHashMap<String, ModelPrice>>() { });
            }
            if (transcriptionFile.isPresent()) {
                transcription = json.readValue(transcriptionFile.get().toFile(),
                        new TypeReference<LinkedHashMap<String, TranscriptionPrice>>() { });
            }
        } catch (IOException e) {
            log.warn("Ignoring unreadable price files in {}: {}", voiceFile.or(() -> transcriptionFile).get().getParent(),
                    e.getMessage());
            return;
        }
        boolean imported = shared.write(DOCUMENT, 0, format.write(table(voice, transcription)), Instant.now());
        voiceFile.ifPresent(f -> LegacyFiles.retire(f, imported));
        transcriptionFile.ifPresent(f -> LegacyFiles.retire(f, imported));
    }
}
