package app.highway.ui.settings;

import app.highway.config.CallSettings;
import app.highway.config.SettingsStore;
import app.highway.realtime.RealtimeDialect;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The call settings as editable properties. {@link #save()} validates, persists to the data dir,
 * and makes them apply to the next call; a running call keeps the settings it started with.
 */
public final class SettingsViewModel {
    private final SettingsStore store;
    private final StringProperty model = new SimpleStringProperty();
    private final ObjectProperty<String> voice = new SimpleObjectProperty<>();
    private final StringProperty temperature = new SimpleStringProperty();
    private final StringProperty vadThreshold = new SimpleStringProperty();
    private final StringProperty prefixPaddingMs = new SimpleStringProperty();
    private final StringProperty silenceDurationMs = new SimpleStringProperty();
    private final ObjectProperty<String> transcriptionModel = new SimpleObjectProperty<>();
    private final StringProperty maxCallSeconds = new SimpleStringProperty();
    private final StringProperty ringTimeoutSeconds = new SimpleStringProperty();
    private final StringProperty message = new SimpleStringProperty("");

    public SettingsViewModel(SettingsStore store) {
        this.store = store;
        load(store.current());
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
    }

    /** Returns true when saved; otherwise {@link #messageProperty()} says what is wrong. */
    public boolean save() {
        CallSettings current = store.current();
        List<String> problems = new ArrayList<>();
        double temp = number(temperature, "temperature", problems);
        double threshold = number(vadThreshold, "VAD threshold", problems);
        int padding = whole(prefixPaddingMs, "prefix padding", problems);
        int silence = whole(silenceDurationMs, "silence duration", problems);
        int maxSeconds = whole(maxCallSeconds, "max call duration", problems);
        int ring = whole(ringTimeoutSeconds, "ring timeout", problems);
        if (!problems.isEmpty()) {
            message.set("Not saved: " + String.join("; ", problems) + ".");
            return false;
        }
        CallSettings edited = new CallSettings(model.get() == null ? "" : model.get().trim(), voice.get(), temp,
                threshold, padding, silence, transcriptionModel.get(), maxSeconds, ring, current.instructions(),
                current.verificationTemplate(), current.promptVersion());
        problems = edited.problems();
        if (!problems.isEmpty()) {
            message.set("Not saved: " + String.join("; ", problems) + ".");
            return false;
        }
        try {
            store.save(edited);
        } catch (RuntimeException e) {
            message.set("Not saved: " + e.getMessage());
            return false;
        }
        message.set("Saved. The next call uses these settings.");
        return true;
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

    public StringProperty messageProperty() {
        return message;
    }
}
