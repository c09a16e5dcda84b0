package app.highway.ui.settings;

import app.highway.ConsoleServices.Stored;
import app.highway.config.CallSettings;
import app.highway.realtime.RealtimeDialect;
import app.highway.usage.ModelPrice;
import app.highway.usage.PriceTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The call settings as editable properties. {@link #save()} validates, saves them through the bridge (in
 * its store, shared by a fleet), and makes them apply to the next call; a running call keeps the settings
 * it started with. Saving runs on {@code background}; the outcome lands through {@code fx}.
 */
public final class SettingsViewModel {
    private final Stored<CallSettings> store;
    private final Stored<PriceTable> prices;
    private final Executor background;
    private final Executor fx;
    /** Per model, the six prices (USD per 1M tokens) as typed, in {@link #PRICE_NAMES} order. */
    private final Map<String, List<StringProperty>> priceFields = new LinkedHashMap<>();
    public static final List<String> PRICE_NAMES = List.of("text input", "cached text input", "text output",
            "audio input", "cached audio input", "audio output");
    private final StringProperty model = new SimpleStringProperty();
    private final ObjectProperty<String> voice = new SimpleObjectProperty<>();
    private final StringProperty temperature = new SimpleStringProperty();
    private final StringProperty vadThreshold = new SimpleStringProperty();
    private final StringProperty prefixPaddingMs = new SimpleStringProperty();
    private final StringProperty silenceDurationMs = new SimpleStringProperty();
    private final ObjectProperty<String> transcriptionModel = new SimpleObjectProperty<>();
    private final StringProperty maxCallSeconds = new SimpleStringProperty();
    private final StringProperty ringTimeoutSeconds = new SimpleStringProperty();
    /** Where a supervisor's transfer sends a call unless they type a number; "" for none. */
    private final StringProperty transferNumber = new SimpleStringProperty();
    private final StringProperty message = new SimpleStringProperty("");
    /** What is wrong with the chosen model, said at once ("" when it has a price). */
    private final StringProperty modelWarning = new SimpleStringProperty("");
    /** The model families the Realtime API serves (and their dated snapshots). */
    public static final List<String> REALTIME_FAMILIES = List.of("gpt-realtime", "gpt-4o-realtime",
            "gpt-4o-mini-realtime");

    public SettingsViewModel(Stored<CallSettings> store, Stored<PriceTable> prices, Executor background, Executor fx) {
        this.store = store;
        this.prices = prices;
        this.background = background;
        this.fx = fx;
        prices.current().asMap().keySet().forEach(model -> priceFields.put(model, List.of(
                new SimpleStringProperty(), new SimpleStringProperty(), new SimpleStringProperty(),
                new SimpleStringProperty(), new SimpleStringProperty(), new SimpleStringProperty())));
        load(store.current());
        model.addListener((o, was, now) -> modelWarning.set(modelWarning(now, prices.current())));
        modelWarning.set(modelWarning(model.get(), prices.current()));
    }

    /**
     * Why calls with {@code name} would cost $0 (no price in {@code table}) and whether the Realtime API
     * is likely to know it; "" when the model has a price.
     */
    public static String modelWarning(String name, PriceTable table) {
        String m = name == null ? "" : name.strip();
        if (m.isEmpty() || table.priceFor(m).isPresent()) {
            return "";
        }
        String priced = String.join(", ", table.asMap().keySet());
        String warning = "No price is set for " + m + ": its calls will show a cost of $0 (prices are set for "
                + (priced.isEmpty() ? "no model" : priced) + " and their dated snapshots).";
        boolean realtime = REALTIME_FAMILIES.stream().anyMatch(f -> m.equals(f) || m.startsWith(f + "-"));
        return warning + (realtime ? " It looks like a Realtime model."
                : " It is probably not a Realtime model (those are named gpt-realtime…, gpt-4o-realtime… or "
                        + "gpt-4o-mini-realtime…): calls may fail to start.");
    }

    public void load(CallSettings s) {
        model.set(s.model());
        voice.set(s.voice());
        temperature.set(String.valueOf(s.temperature()));
        vadThreshold.set(String.valueOf(s.vadThreshold()));
        prefixPaddingMs.set(String.valueOf(s.prefixPaddingMs()));
        silenceDurationMs.set(String.valueOf(s.silenceDurationMs()));
        transcriptionModel.set(s.transcriptionModel());
        maxCallSeconds.set(String.valueOf(s.maxCallSeconds()));
        ringTimeoutSeconds.set(String.valueOf(s.ringTimeoutSeconds()));
        transferNumber.set(s.transferNumber() == null ? "" : s.transferNumber());
        prices.current().asMap().forEach((name, p) -> {
            List<StringProperty> f = priceFields.get(name);
            if (f != null) {
                double[] v = {p.textInput(), p.cachedTextInput(), p.textOutput(), p.audioInput(), p.cachedAudioInput(),
                        p.audioOutput()};
                for (int i = 0; i < v.length; i++) {
                    f.get(i).set(String.valueOf(v[i]));
                }
            }
        });
    }

    /** Completes with true when saved; otherwise {@link #messageProperty()} says what is wrong. */
    public CompletableFuture<Boolean> save() {
        CallSettings current = store.current();
        List<String> problems = new ArrayList<>();
        double temp = number(temperature, "temperature", problems);
        double threshold = number(vadThreshold, "VAD threshold", problems);
        int padding = whole(prefixPaddingMs, "prefix padding", problems);
        int silence = whole(silenceDurationMs, "silence duration", problems);
        int maxSeconds = whole(maxCallSeconds, "max call duration", problems);
        int ring = whole(ringTimeoutSeconds, "ring timeout", problems);
        Map<String, ModelPrice> table = new LinkedHashMap<>();
        priceFields.forEach((name, f) -> {
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                v[i] = number(f.get(i), name + " " + PRICE_NAMES.get(i) + " price", problems);
                if (v[i] < 0) {
                    problems.add(name + " " + PRICE_NAMES.get(i) + " price must not be negative");
                }
            }
            table.put(name, new ModelPrice(v[0], v[1], v[2], v[3], v[4], v[5]));
        });
        if (!problems.isEmpty()) {
            return refused("Not saved: " + String.join("; ", problems) + ".");
        }
        CallSettings edited = new CallSettings(model.get() == null ? "" : model.get().trim(), voice.get(), temp,
                threshold, padding, silence, transcriptionModel.get(), maxSeconds, ring, current.instructions(),
                current.verificationTemplate(), current.promptVersion(), transferNumber.get());
        List<String> invalid = edited.problems();
        if (!invalid.isEmpty()) {
            return refused("Not saved: " + String.join("; ", invalid) + ".");
        }
        PriceTable priced = prices.current().withModelPrices(table); // transcription prices as they were
        return CompletableFuture.runAsync(() -> {
            store.save(edited);
            prices.save(priced);
        }, background).handleAsync((done, e) -> {
            if (e != null) {
                message.set("Not saved: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                return false;
            }
            message.set("Saved. The next call uses these settings and prices.");
            return true;
        }, fx);
    }

    private CompletableFuture<Boolean> refused(String why) {
        message.set(why);
        return CompletableFuture.completedFuture(false);
    }

    private static double number(StringProperty text, String name, List<String> problems) {
        try {
            return Double.parseDouble(text.get().trim());
        } catch (RuntimeException e) {
            problems.add(name + " must be a number");
            return 0;
        }
    }

    private static int whole(StringProperty text, String name, List<String> problems) {
        try {
            return Integer.parseInt(text.get().trim());
        } catch (RuntimeException e) {
            problems.add(name + " must be a whole number");
            return 0;
        }
    }

    public void revert() {
        load(store.current());
        message.set("");
    }

    public static String temperatureNote() {
        return RealtimeDialect.TEMPERATURE_NOTE;
    }

    public static List<String> voices() {
        return CallSettings.VOICES;
    }

    public static List<String> transcriptionModels() {
        return CallSettings.TRANSCRIPTION_MODELS.stream().sorted().toList();
    }

    public StringProperty modelProperty() {
        return model;
    }

    public ObjectProperty<String> voiceProperty() {
        return voice;
    }

    public StringProperty temperatureProperty() {
        return temperature;
    }

    public StringProperty vadThresholdProperty() {
        return vadThreshold;
    }

    public StringProperty prefixPaddingMsProperty() {
        return prefixPaddingMs;
    }

    public StringProperty silenceDurationMsProperty() {
        return silenceDurationMs;
    }

    public ObjectProperty<String> transcriptionModelProperty() {
        return transcriptionModel;
    }

    public StringProperty maxCallSecondsProperty() {
        return maxCallSeconds;
    }

    public StringProperty ringTimeoutSecondsProperty() {
        return ringTimeoutSeconds;
    }

    public StringProperty transferNumberProperty() {
        return transferNumber;
    }

    public Map<String, List<StringProperty>> priceFields() {
        return priceFields;
    }

    public StringProperty modelWarningProperty() {
        return modelWarning;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
