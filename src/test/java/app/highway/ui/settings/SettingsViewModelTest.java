package app.highway.ui.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices.Stored;
import app.highway.config.CallSettings;
import app.highway.usage.PriceTable;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The settings editor's view model: what is refused, what is saved, and where the writing happens. */
@Tag("unit")
class SettingsViewModelTest {
    private final AtomicReference<CallSettings> settings = new AtomicReference<>(CallSettings.defaults("gpt-realtime"));
    private final AtomicReference<PriceTable> prices = new AtomicReference<>(PriceTable.defaults());
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final SettingsViewModel model = new SettingsViewModel(Stored.of(settings::get, settings::set),
            Stored.of(prices::get, prices::set), background::add, Runnable::run);

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void showsTheCurrentSettingsAndPrices() {
        assertEquals("gpt-realtime", model.modelProperty().get());
        assertEquals("shimmer", model.voiceProperty().get());
        assertEquals("0.95", model.vadThresholdProperty().get());
        assertEquals("64.0", model.priceFields().get("gpt-realtime").get(5).get());
    }

    @Test
    void aValidEditIsSavedOffTheCallersThreadAndUsedNext() {
        model.voiceProperty().set("marin");
        model.priceFields().get("gpt-realtime").get(5).set("100");
        var saved = model.save();
        assertEquals("shimmer", settings.get().voice(), "nothing written on the caller's thread");
        runBackground();
        assertTrue(saved.join());
        assertEquals("marin", settings.get().voice());
        assertEquals(100.0, prices.get().priceFor("gpt-realtime").orElseThrow().audioOutput());
        assertEquals("Saved. The next call uses these settings and prices.", model.messageProperty().get());
    }

    @Test
    void theModelSaysItsDialectAndWhichSettingsItTakes() {
        assertFalse(model.gptLiveProperty().get());
        assertTrue(model.dialectNoteProperty().get().startsWith("Speaks the Realtime API"),
                model.dialectNoteProperty().get());
        model.modelProperty().set("gpt-live-1");
        assertTrue(model.gptLiveProperty().get(), "temperature, turn detection, transcription: kept, not sent");
        assertTrue(model.dialectNoteProperty().get().startsWith("Speaks GPT-Live"), model.dialectNoteProperty().get());
        assertTrue(model.dialectNoteProperty().get().contains("cinder"), "GPT-Live's voices are listed");
        assertEquals("", model.modelWarningProperty().get(), "gpt-live has a price");
        assertTrue(SettingsViewModel.voices().containsAll(CallSettings.VOICES)
                && SettingsViewModel.voices().containsAll(CallSettings.LIVE_VOICES), "both families are offered");
        assertTrue(SettingsViewModel.suggestedModels().contains("gpt-live-1"));
        assertTrue(SettingsViewModel.suggestedModels().contains("gpt-realtime"));
    }

    @Test
    void switchingToGptLiveKeepsTheRealtimeOnlySettingsAndSavesTheSessionPrice() {
        model.modelProperty().set("gpt-live-1");
        model.voiceProperty().set("cinder");
        model.priceFields().get("gpt-live").get(6).set("0.06");
        var saved = model.save();
        runBackground();
        assertTrue(saved.join(), model.messageProperty().get());
        assertEquals("gpt-live-1", settings.get().model());
        assertEquals("cinder", settings.get().voice());
        assertEquals(0.95, settings.get().vadThreshold(), "kept for when the model speaks Realtime again");
        assertEquals("gpt-4o-mini-transcribe", settings.get().transcriptionModel());
        assertEquals(0.06, prices.get().priceFor("gpt-live-1").orElseThrow().sessionMinute());
        assertEquals(64.0, prices.get().priceFor("gpt-realtime").orElseThrow().audioOutput(), "the others unchanged");
    }

    @Test
    void wrongValuesAreRefusedWithWhatIsWrongAndNothingIsSaved() {
        CallSettings before = settings.get();
        model.temperatureProperty().set("warm");
        model.maxCallSecondsProperty().set("1.5");
        model.priceFields().get("gpt-realtime").get(0).set("-1");
        assertFalse(model.save().join());
        assertTrue(background.isEmpty());
        String message = model.messageProperty().get();
        assertTrue(message.startsWith("Not saved: temperature must be a number"), message);
        assertTrue(message.contains("max call duration must be a whole number"), message);
        assertTrue(message.contains("gpt-realtime text input price must not be negative"), message);
        assertEquals(before, settings.get());

        model.temperatureProperty().set("0.8");
        model.maxCallSecondsProperty().set("300");
        model.priceFields().get("gpt-realtime").get(0).set("4");
        model.vadThresholdProperty().set("1.5");
        assertFalse(model.save().join());
        assertTrue(model.messageProperty().get().contains("VAD threshold must be between 0 and 1"));
    }

    @Test
    void aFailedWriteIsReported() {
        SettingsViewModel failing = new SettingsViewModel(Stored.of(settings::get, s -> {
            throw new IllegalStateException("disk full");
        }), Stored.of(prices::get, prices::set), Runnable::run, Runnable::run);
        assertFalse(failing.save().join());
        assertEquals("Not saved: disk full", failing.messageProperty().get());
    }

    @Test
    void revertBringsBackWhatIsSaved() {
        model.voiceProperty().set("marin");
        model.revert();
        assertEquals("shimmer", model.voiceProperty().get());
        assertEquals("", model.messageProperty().get());
    }

    /** Before: any model name was accepted silently and its calls then cost $0. */
    @Test
    void aModelWithoutAPriceIsToldAtOnceAndWhetherItIsARealtimeModel() {
        assertEquals("", model.modelWarningProperty().get(), "gpt-realtime has a price");
        model.modelProperty().set("gpt-realtime-mini-2025-10-06");
        assertEquals("", model.modelWarningProperty().get(), "a dated snapshot of a priced model");

        model.modelProperty().set("gpt-4o-realtime-preview");
        String realtime = model.modelWarningProperty().get();
        assertTrue(realtime.startsWith("No price is set for gpt-4o-realtime-preview"), realtime);
        assertTrue(realtime.contains("$0") && realtime.contains("gpt-realtime, gpt-realtime-mini"), realtime);
        assertFalse(realtime.contains("probably not a Realtime model"), realtime);

        model.modelProperty().set("gpt-4o");
        String other = model.modelWarningProperty().get();
        assertTrue(other.startsWith("No price is set for gpt-4o:"), other);
        assertTrue(other.contains("probably not a Realtime model"), other);

        model.revert();
        assertEquals("", model.modelWarningProperty().get());
    }

    @Test
    void theTransferNumberIsEditedCheckedAndKept() {
        assertEquals("", model.transferNumberProperty().get());
        model.transferNumberProperty().set("555 1234");
        assertFalse(model.save().join());
        assertTrue(model.messageProperty().get().contains("transfer number must be in E.164 form"),
                model.messageProperty().get());
        model.transferNumberProperty().set(" +15551234567 ");
        var saved = model.save();
        runBackground();
        assertTrue(saved.join());
        assertEquals("+15551234567", settings.get().transferNumber());
        model.voiceProperty().set("marin");
        var again = model.save();
        runBackground();
        assertTrue(again.join());
        assertEquals("+15551234567", settings.get().transferNumber(), "another edit keeps it");
        model.transferNumberProperty().set("");
        var cleared = model.save();
        runBackground();
        assertTrue(cleared.join());
        assertEquals(null, settings.get().transferNumber());
    }

    @Test
    void aSaveTheStoreRefusesAsChangedElsewhereSaysSoInWordsAndOffersReload() {
        CallSettings theirs = voiced(settings.get(), "cedar");
        SettingsViewModel stale = new SettingsViewModel(Stored.of(settings::get, s -> {
            settings.set(theirs); // what SettingsControls does on a ConcurrentChange: the store read theirs again
            throw new app.highway.team.Refusal(app.highway.team.Refusal.Kind.CONFLICT, "changed_elsewhere",
                    "The call settings were changed on another bridge meanwhile");
        }), Stored.of(prices::get, prices::set), Runnable::run, Runnable::run);
        stale.temperatureProperty().set("0.7");
        assertFalse(stale.save().join());
        assertTrue(stale.messageProperty().get().startsWith("Not saved: these settings were changed elsewhere "
                + "meanwhile (The call settings were changed on another bridge meanwhile). Reload"),
                stale.messageProperty().get());
        assertTrue(stale.changedElsewhereProperty().get(), "the banner offers Reload");
        assertEquals("0.7", stale.temperatureProperty().get(), "the edit is kept");
        stale.reloadFromStore();
        assertEquals("cedar", stale.voiceProperty().get());
        assertEquals("0.6", stale.temperatureProperty().get());
        assertFalse(stale.changedElsewhereProperty().get());
    }

    @Test
    void editsOverAChangeSavedElsewhereKeepTheOtherChangeAndTheSameFieldIsRefused() {
        model.temperatureProperty().set("0.7");
        settings.set(voiced(settings.get(), "cedar")); // saved elsewhere
        model.storesChanged();
        assertTrue(model.changedElsewhereProperty().get());
        assertEquals("shimmer", model.voiceProperty().get(), "the unsaved edits are not overwritten");
        model.keepEditing();
        var saved = model.save();
        runBackground();
        assertTrue(saved.join());
        assertEquals("cedar", settings.get().voice(), "the other change is kept");
        assertEquals(0.7, settings.get().temperature());

        model.voiceProperty().set("marin");
        settings.set(voiced(settings.get(), "ash"));
        model.storesChanged();
        assertFalse(model.save().join());
        assertTrue(model.messageProperty().get().contains("you changed the same voice (now ash)"),
                model.messageProperty().get());
        assertEquals("ash", settings.get().voice());
    }

    private static CallSettings voiced(CallSettings s, String voice) {
        return new CallSettings(s.model(), voice, s.temperature(), s.vadThreshold(), s.prefixPaddingMs(),
                s.silenceDurationMs(), s.transcriptionModel(), s.maxCallSeconds(), s.ringTimeoutSeconds(),
                s.instructions(), s.verificationTemplate(), s.promptVersion(), s.transferNumber());
    }
}
