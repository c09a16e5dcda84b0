package app.highway.ui.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices.Stored;
import app.highway.config.CallSettings;
import app.highway.config.PromptHistory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The system message editor's view model over a real prompt history in a store in a temporary data dir. */
@Tag("unit")
class PromptViewModelTest {
    private final AtomicReference<CallSettings> settings = new AtomicReference<>(CallSettings.defaults("gpt-realtime"));
    private final Queue<Runnable> background = new ArrayDeque<>();
    private final app.highway.store.SqlCallStore db;
    private final PromptHistory history;
    private final PromptViewModel model;

    PromptViewModelTest() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("highway-prompts");
        db = app.highway.store.SqlCallStore.sqlite(dir, app.highway.config.Json.mapper());
        history = new PromptHistory(db.shared(), Clock.fixed(Instant.parse("2025-03-04T10:15:30Z"), ZoneOffset.UTC), dir);
        model = new PromptViewModel(Stored.of(settings::get, settings::set), new app.highway.ConsoleServices.Prompts() {
            @Override
            public java.util.List<PromptHistory.Version> versions() {
                return history.versions();
            }

            @Override
            public PromptHistory.Version save(String instructions, String template) {
                return history.save(instructions, template);
            }
        }, ZoneOffset.UTC, background::add, Runnable::run);
    }

    @org.junit.jupiter.api.AfterEach
    void closeStore() {
        db.close();
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void thePreviewShowsWhatTheModelReceivesWithTheCodeDigitByDigit() {
        model.templateProperty().set("SYSTEM:(Read {code} twice.)");
        assertTrue(model.previewProperty().get().contains("SYSTEM:(Read 4 8 2 9 1 3 twice.)"),
                model.previewProperty().get());
        model.templateProperty().set("no placeholder");
        assertEquals("The template needs {code} where the verification code goes.", model.previewProperty().get());
    }

    @Test
    void savingMakesANewVersionTheNextCallUses() {
        assertEquals(1, model.versions().size());
        assertEquals("v1  ·  original Highway text  (in use)", model.describe(model.versions().get(0)));
        model.instructionsProperty().set("Be brief.");
        var saved = model.save();
        assertEquals(1, settings.get().promptVersion(), "nothing written on the caller's thread");
        runBackground();
        assertTrue(saved.join());
        assertEquals("Saved as version 2. The next call uses it.", model.messageProperty().get());
        assertEquals(2, model.versions().size());
        assertEquals(2, settings.get().promptVersion());
        assertEquals("Be brief.", settings.get().instructions());
        assertEquals("v2  ·  2025-03-04 10:15:30  ·  by " + System.getProperty("user.name") + "  (in use)",
                model.describe(model.versions().get(1)));
    }

    @Test
    void anEmptyMessageOrATemplateWithoutTheCodeIsRefused() {
        model.instructionsProperty().set("  ");
        assertFalse(model.save().join());
        assertTrue(model.messageProperty().get().startsWith("Not saved"));
        assertTrue(background.isEmpty());
        assertEquals(1, history.versions().size());
    }

    @Test
    void anOlderVersionCanBeLoadedBackIntoTheEditor() {
        PromptHistory.Version original = model.versions().get(0);
        model.instructionsProperty().set("Something else");
        model.revertTo(original);
        assertEquals(original.instructions(), model.instructionsProperty().get());
        assertEquals("Loaded version 1. Save to use it for the next call.", model.messageProperty().get());
    }

    /** Before: loading v1 and saving it made a v3 identical to v1; versions were told apart to the minute only. */
    @Test
    void goingBackToAVersionMakesItCurrentWithoutADuplicate() {
        model.instructionsProperty().set("Be brief.");
        model.save();
        runBackground();
        PromptHistory.Version original = model.versions().get(0);

        var used = model.use(original);
        assertEquals(2, settings.get().promptVersion(), "nothing written on the caller's thread");
        runBackground();
        assertTrue(used.join());
        assertEquals(1, settings.get().promptVersion());
        assertEquals(CallSettings.SEED_SYSTEM_MESSAGE, settings.get().instructions());
        assertEquals(CallSettings.SEED_SYSTEM_MESSAGE, model.instructionsProperty().get());
        assertEquals("Version 1 is in use again. The next call uses it.", model.messageProperty().get());
        assertEquals(2, model.versions().size());
        assertTrue(model.describe(original).endsWith("(in use)"));

        model.revertTo(model.versions().get(1)); // load v2 into the editor and save it: v2 again, no v3
        model.save();
        runBackground();
        assertEquals(2, settings.get().promptVersion());
        assertEquals(2, history.versions().size());
        assertEquals("Same text as version 2: version 2 is in use again (no new version).",
                model.messageProperty().get());
    }

    @Test
    void aVersionIsComparedWithTheOneInUseLineByLine() {
        model.instructionsProperty().set("Be brief.\nSay goodbye.");
        model.save();
        runBackground();
        PromptHistory.Version original = model.versions().get(0);
        String diff = model.diff(original);
        assertTrue(diff.startsWith("Compared with the version in use (v2)"), diff);
        assertTrue(diff.contains("- Be brief.\n- Say goodbye.\n+ " + CallSettings.SEED_SYSTEM_MESSAGE), diff);
        assertTrue(diff.contains("Verification template:\n  " + CallSettings.DEFAULT_VERIFICATION_TEMPLATE), diff);
        assertEquals("Same text as the version in use (v2).", model.diff(model.versions().get(1)));
    }

    /** Before: the seed said "do very specific thinks". */
    @Test
    void theDefaultSystemMessageSaysThings() {
        assertTrue(CallSettings.SEED_SYSTEM_MESSAGE.contains("do very specific things that the SYSTEM tells you"));
        assertFalse(CallSettings.SEED_SYSTEM_MESSAGE.contains("thinks"));
    }

    @Test
    void aVersionSavedElsewhereJoinsTheListAndUnsavedEditsAreKeptUntilReload() {
        PromptHistory.Version theirs = history.save("Be kind.", settings.get().verificationTemplate(), "alice");
        model.storesChanged();
        assertEquals(2, model.versions().size(), "the list gains the version at once");
        assertFalse("Be kind.".equals(model.instructionsProperty().get()), "saved, not yet in use");

        settings.set(settings.get().withPrompt("Be kind.", theirs.verificationTemplate(), theirs.version()));
        model.storesChanged();
        assertEquals("Be kind.", model.instructionsProperty().get(), "no edits: shown at once");
        assertEquals("Updated by alice at 10:15: version 2 is in use.", model.noticeProperty().get());

        model.instructionsProperty().set("Be kind and brief.");
        PromptHistory.Version again = history.save("Be quick.", theirs.verificationTemplate(), "bob");
        settings.set(settings.get().withPrompt("Be quick.", again.verificationTemplate(), again.version()));
        model.storesChanged();
        assertTrue(model.changedElsewhereProperty().get());
        assertEquals("Be kind and brief.", model.instructionsProperty().get(), "the edits are not overwritten");
        model.keepEditing();
        var saved = model.save();
        runBackground();
        assertTrue(saved.join());
        assertEquals(4, model.versions().size(), "a new version; the other one stays in the list");
        assertEquals("Be kind and brief.", settings.get().instructions());
    }

    @Test
    void aSaveTheStoreRefusesAsChangedElsewhereOffersReload() {
        PromptViewModel stale = new PromptViewModel(Stored.of(settings::get, s -> {
            throw new app.highway.team.Refusal(app.highway.team.Refusal.Kind.CONFLICT, "changed_elsewhere",
                    "The call settings were changed on another bridge meanwhile");
        }), new app.highway.ConsoleServices.Prompts() {
            @Override
            public java.util.List<PromptHistory.Version> versions() {
                return history.versions();
            }

            @Override
            public PromptHistory.Version save(String instructions, String template) {
                return history.save(instructions, template);
            }
        }, ZoneOffset.UTC, Runnable::run, Runnable::run);
        stale.instructionsProperty().set("Be brief.");
        assertFalse(stale.save().join());
        assertTrue(stale.messageProperty().get().startsWith("Not saved: the system message was changed elsewhere "
                + "meanwhile"), stale.messageProperty().get());
        assertTrue(stale.changedElsewhereProperty().get());
        stale.reloadFromStore();
        assertEquals(settings.get().instructions(), stale.instructionsProperty().get());
    }
}
