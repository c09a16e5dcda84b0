package app.highway.ui.settings;

import app.highway.ConsoleServices.Stored;
import app.highway.config.CallSettings;
import app.highway.config.ConcurrentChange;
import app.highway.realtime.RealtimeDialect;
import app.highway.team.Refusal;
import app.highway.usage.ModelPrice;
import app.highway.usage.PriceTable;
import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.Property;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The call settings as editable properties. {@link #save()} validates, saves them through the bridge (in
 * its store, shared by a fleet), and makes them apply to the next call; a running call keeps the settings
 * it started with. Saving runs on {@code background}; the outcome lands through {@code fx}.
 *
 * <p>A change saved elsewhere ({@link #storesChanged}) shows at once when the form has no unsaved edits;
 * otherwise the edits stay and {@link #changedElsewhereProperty()} asks whether to reload. Saving edits made
 * over an older version keeps the other change: only the fields edited here are saved over it, and a field
 * changed both here and elsewhere is refused by name.
 */
public final class SettingsViewModel {
    private final Stored<CallSettings> store;
    private final Stored<PriceTable> prices;
    private final Executor background;
    private final Executor fx;
    /** Per model, the seven prices (six USD per 1M tokens, one per session minute) as typed, in {@link #PRICE_NAMES} order. */
    private final Map<String, List<StringProperty>> priceFields = new LinkedHashMap<>();
    public static final List<String> PRICE_NAMES = List.of("text input", "cached text input", "text output",
            "audio input", "cached audio input", "audio output", "session minute");
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
    /** Which dialect the typed model speaks and which settings it takes. */
    private final StringProperty dialectNote = new SimpleStringProperty("");
    /** True when the typed model speaks GPT-Live: the Realtime-only settings are kept but not sent. */
    private final BooleanProperty gptLive = new SimpleBooleanProperty(false);
    /** A short note that the form was reloaded with a change saved elsewhere ("" when none). */
    private final StringProperty notice = new SimpleStringProperty("");
    /** True while the form holds unsaved edits and the settings were changed elsewhere: reload or keep editing. */
    private final BooleanProperty changedElsewhere = new SimpleBooleanProperty(false);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private final Clock clock = Clock.systemDefaultZone();
    /** The settings and prices the form was loaded from (or last saved): edits are what differs from them. */
    private CallSettings baseSettings;
    private PriceTable basePrices;
    private List<String> loaded = List.of();
    private boolean saving;
    private boolean changedWhileSaving;
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
                new SimpleStringProperty(), new SimpleStringProperty(), new SimpleStringProperty(),
                new SimpleStringProperty())));
        load(store.current());
        model.addListener((o, was, now) -> modelChanged(now));
        modelChanged(model.get());
    }

    private void modelChanged(String now) {
        modelWarning.set(modelWarning(now, prices.current()));
        dialectNote.set(RealtimeDialect.settingsNote(now));
        gptLive.set(RealtimeDialect.isGptLive(now));
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
        if (RealtimeDialect.isGptLive(m)) {
            return warning + " It looks like a GPT-Live model.";
        }
        return warning + (realtime ? " It looks like a Realtime model."
                : " It is probably not a Realtime model (those are named gpt-realtime…, gpt-4o-realtime… or "
                        + "gpt-4o-mini-realtime…) nor a GPT-Live one (gpt-live…): calls may fail to start.");
    }

    /** Shows {@code s} and the current prices in the form, as the version its edits are made over. */
    public void load(CallSettings s) {
        PriceTable p = prices.current();
        List<String> values = strings(s, p);
        List<Property<String>> fields = fields();
        for (int i = 0; i < fields.size(); i++) {
            if (values.get(i) != null) {
                fields.get(i).setValue(values.get(i));
            }
        }
        baseSettings = s;
        basePrices = p;
        loaded = values();
        changedElsewhere.set(false);
    }

    /** Every field, in the order of {@link #strings}. */
    private List<Property<String>> fields() {
        List<Property<String>> all = new ArrayList<>(List.of(model, voice, temperature, vadThreshold, prefixPaddingMs,
                silenceDurationMs, transcriptionModel, maxCallSeconds, ringTimeoutSeconds, transferNumber));
        priceFields.values().forEach(all::addAll);
        return all;
    }

    /** What each field says, as {@link #fields()} lists them. */
    private List<String> values() {
        return fields().stream().map(f -> f.getValue() == null ? "" : f.getValue()).toList();
    }

    /** Each field's name, as {@link #fields()} lists them (for a refusal). */
    private List<String> names() {
        List<String> all = new ArrayList<>(List.of("model", "voice", "temperature", "VAD threshold", "prefix padding",
                "silence duration", "transcription model", "max call duration", "ring timeout", "transfer number"));
        priceFields.keySet().forEach(m -> PRICE_NAMES.forEach(n -> all.add(m + " " + n + " price")));
        return all;
    }

    /** What the fields say for {@code s} and {@code p} (null for a price the table lacks). */
    private List<String> strings(CallSettings s, PriceTable p) {
        List<String> all = new ArrayList<>(List.of(s.model(), s.voice(), String.valueOf(s.temperature()),
                String.valueOf(s.vadThreshold()), String.valueOf(s.prefixPaddingMs()),
                String.valueOf(s.silenceDurationMs()), s.transcriptionModel(), String.valueOf(s.maxCallSeconds()),
                String.valueOf(s.ringTimeoutSeconds()), s.transferNumber() == null ? "" : s.transferNumber()));
        priceFields.keySet().forEach(name -> {
            ModelPrice m = p.asMap().get(name);
            double[] v = m == null ? null : new double[] {m.textInput(), m.cachedTextInput(), m.textOutput(),
                    m.audioInput(), m.cachedAudioInput(), m.audioOutput(), m.sessionMinute()};
            for (int i = 0; i < PRICE_NAMES.size(); i++) {
                all.add(v == null ? null : String.valueOf(v[i]));
            }
        });
        return all;
    }

    /** True when a field differs from what it was loaded with. */
    public boolean edited() {
        return !values().equals(loaded);
    }

    /**
     * The settings or prices may have changed (on the FX thread): a change saved elsewhere shows at once when the
     * form has no unsaved edits, otherwise {@link #changedElsewhereProperty()} turns true and the edits stay.
     */
    public void storesChanged() {
        if (saving) {
            changedWhileSaving = true;
            return;
        }
        CallSettings now = store.current();
        PriceTable nowPrices = prices.current();
        if (strings(now, nowPrices).equals(strings(baseSettings, basePrices))) {
            baseSettings = now; // this console's own save, or nothing the form shows (the system message)
            basePrices = nowPrices;
            return;
        }
        if (edited()) {
            changedElsewhere.set(true);
            return;
        }
        load(now);
        notice.set("Changed elsewhere, reloaded at " + LocalTime.now(clock).format(HH_MM) + ".");
    }

    /** Shows the settings as they are now saved; the form's edits are discarded. */
    public void reloadFromStore() {
        load(store.current());
        message.set("");
        notice.set("Reloaded the settings saved elsewhere; your edits were discarded.");
    }

    /** Keeps the form's edits: saving them keeps the other change (see {@link #save()}). */
    public void keepEditing() {
        changedElsewhere.set(false);
        notice.set("Your edits are kept; saving them keeps the other change to the fields you did not edit.");
    }

    /**
     * Over a change saved elsewhere since the form was loaded: the fields not edited here take the saved values;
     * a field edited here and changed elsewhere to something else is a refusal naming it.
     */
    private List<String> mergeOverStore() {
        List<String> theirs = strings(store.current(), prices.current());
        if (theirs.equals(strings(baseSettings, basePrices))) {
            return List.of();
        }
        List<String> mine = values();
        List<String> names = names();
        List<String> both = new ArrayList<>();
        List<Property<String>> fields = fields();
        for (int i = 0; i < fields.size(); i++) {
            String base = loaded.get(i);
            String other = theirs.get(i);
            if (other == null || other.equals(base)) {
                continue;
            }
            if (mine.get(i).equals(base)) {
                fields.get(i).setValue(other);
            } else if (!mine.get(i).equals(other)) {
                both.add(names.get(i) + " (now " + other + ")");
            }
        }
        return both;
    }

    /** Completes with true when saved; otherwise {@link #messageProperty()} says what is wrong. */
    public CompletableFuture<Boolean> save() {
        List<String> both = mergeOverStore();
        if (!both.isEmpty()) {
            changedElsewhere.set(true);
            return refused("Not saved: these settings were changed elsewhere meanwhile, and you changed the same "
                    + String.join(", ", both) + ". Reload to see them (your edits are discarded), then make your "
                    + "change again.");
        }
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
            double[] v = new double[PRICE_NAMES.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = number(f.get(i), name + " " + PRICE_NAMES.get(i) + " price", problems);
                if (v[i] < 0) {
                    problems.add(name + " " + PRICE_NAMES.get(i) + " price must not be negative");
                }
            }
            table.put(name, new ModelPrice(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
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
        saving = true;
        notice.set("");
        return CompletableFuture.supplyAsync(() -> {
            store.save(edited);
            prices.save(priced);
            return store.current();
        }, background).handleAsync((saved, e) -> {
            saving = false;
            boolean ok = e == null;
            if (ok) {
                load(saved);
                message.set("Saved. The next call uses these settings and prices.");
            } else {
                Throwable why = e.getCause() == null ? e : e.getCause();
                if (staleSave(why)) {
                    changedElsewhere.set(true);
                    message.set("Not saved: these settings were changed elsewhere meanwhile (" + why.getMessage()
                            + "). Reload to see them (your edits are discarded), then make your change again.");
                } else {
                    message.set("Not saved: " + why.getMessage());
                }
            }
            if (changedWhileSaving) {
                changedWhileSaving = false;
                storesChanged();
            }
            return ok;
        }, fx);
    }

    /** A refusal because the store holds a newer save (409 changed_elsewhere over the API). */
    static boolean staleSave(Throwable why) {
        return why instanceof ConcurrentChange
                || why instanceof Refusal r && r.kind() == Refusal.Kind.CONFLICT;
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
        notice.set("");
    }

    public static String temperatureNote() {
        return RealtimeDialect.TEMPERATURE_NOTE;
    }

    /** Both dialects' voices: a voice the chosen dialect lacks is kept, and that dialect sends its default. */
    public static List<String> voices() {
        List<String> all = new ArrayList<>(CallSettings.VOICES);
        CallSettings.LIVE_VOICES.stream().filter(v -> !all.contains(v)).forEach(all::add);
        return all;
    }

    /** The model families the sheet offers, one per dialect and size. */
    public static List<String> suggestedModels() {
        return List.of("gpt-realtime", "gpt-realtime-mini", "gpt-live-1");
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

    /** Which dialect the typed model speaks and which settings apply to it. */
    public StringProperty dialectNoteProperty() {
        return dialectNote;
    }

    /** True when the typed model speaks GPT-Live (temperature, turn detection, transcription model: kept, not sent). */
    public BooleanProperty gptLiveProperty() {
        return gptLive;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty changedElsewhereProperty() {
        return changedElsewhere;
    }

    public StringProperty messageProperty() {
        return message;
    }
}
