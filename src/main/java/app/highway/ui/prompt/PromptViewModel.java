package app.highway.ui.prompt;

import app.highway.ConsoleServices.Prompts;
import app.highway.ConsoleServices.Stored;
import app.highway.config.CallSettings;
import app.highway.config.PromptHistory;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The system message and the {@code SYSTEM:(…)} verification template, with a live preview of
 * what the model receives for a sample code, and every saved version to revert to. Saving writes
 * files on {@code background}; the outcome lands through {@code fx}.
 *
 * <p>A version saved or put in use elsewhere ({@link #storesChanged}) joins the list at once; the editor shows
 * it when it holds no unsaved edits, otherwise the edits stay and {@link #changedElsewhereProperty()} asks
 * whether to reload (saving the edits makes a new version: the other one stays in the list).
 */
public final class PromptViewModel {
    public static final String SAMPLE_CODE = "482913";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final Stored<CallSettings> settings;
    private final Prompts history;
    private final ZoneId zone;
    private final Executor background;
    private final Executor fx;
    private final StringProperty instructions = new SimpleStringProperty();
    private final StringProperty template = new SimpleStringProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringBinding preview;
    private final ObservableList<PromptHistory.Version> versions = FXCollections.observableArrayList();
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty changedElsewhere = new SimpleBooleanProperty(false);
    private final Clock clock = Clock.systemDefaultZone();
    /** The text the editor was loaded with (the version in use then): edits are what differs from it. */
    private String baseInstructions;
    private String baseTemplate;
    private boolean saving;
    private boolean changedWhileSaving;

    public PromptViewModel(Stored<CallSettings> settings, Prompts history, ZoneId zone, Executor background,
            Executor fx) {
        this.settings = settings;
        this.history = history;
        this.zone = zone;
        this.background = background;
        this.fx = fx;
        CallSettings current = settings.current();
        show(current.instructions(), current.verificationTemplate());
        preview = Bindings.createStringBinding(() -> template.get() == null || !template.get().contains("{code}")
                ? "The template needs {code} where the verification code goes."
                : "Instructions (session):\n" + instructions.get() + "\n\nFirst message (code " + SAMPLE_CODE + "):\n"
                        + template.get().replace("{code}", String.join(" ", SAMPLE_CODE.split(""))),
                instructions, template);
        versions.setAll(history.versions());
    }

    /** Saves a new version and makes it the one the next call uses. */
    public CompletableFuture<Boolean> save() {
        String text = instructions.get() == null ? "" : instructions.get().strip();
        String tpl = template.get() == null ? "" : template.get().strip();
        if (text.isEmpty() || !tpl.contains("{code}")) {
            message.set("Not saved: the system message must not be empty and the template must contain {code}.");
            return CompletableFuture.completedFuture(false);
        }
        int newest = versions.stream().mapToInt(PromptHistory.Version::version).max().orElse(0);
        saving = true;
        notice.set("");
        return CompletableFuture.supplyAsync(() -> {
            PromptHistory.Version v = history.save(text, tpl);
            settings.save(settings.current().withPrompt(text, tpl, v.version()));
            return new Saved(v, history.versions());
        }, background).handleAsync((saved, e) -> {
            saving = false;
            if (e != null) {
                Throwable why = e.getCause() == null ? e : e.getCause();
                if (staleSave(why)) {
                    changedElsewhere.set(true);
                    message.set("Not saved: the system message was changed elsewhere meanwhile (" + why.getMessage()
                            + "). Reload to see it (your edits are discarded), or save again.");
                } else {
                    message.set("Not saved: " + why.getMessage());
                }
            } else {
                versions.setAll(saved.versions());
                show(text, tpl);
                int n = saved.version().version();
                message.set(n > newest ? "Saved as version " + n + ". The next call uses it."
                        : "Same text as version " + n + ": version " + n + " is in use again (no new version).");
            }
            if (changedWhileSaving) {
                changedWhileSaving = false;
                storesChanged();
            }
            return e == null;
        }, fx);
    }

    private record Saved(PromptHistory.Version version, List<PromptHistory.Version> versions) { }

    /**
     * Makes {@code v} the version the next call uses, as it is (no new version is saved): the
     * editor shows its text. Writing the settings runs on {@code background}.
     */
    public CompletableFuture<Boolean> use(PromptHistory.Version v) {
        saving = true;
        notice.set("");
        return CompletableFuture.runAsync(() -> settings.save(settings.current().withPrompt(v.instructions(),
                v.verificationTemplate(), v.version())), background).handleAsync((done, e) -> {
                    saving = false;
                    if (e != null) {
                        message.set("Not changed: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                    } else {
                        show(v.instructions(), v.verificationTemplate());
                        versions.setAll(List.copyOf(versions)); // the "(in use)" mark moves
                        message.set("Version " + v.version() + " is in use again. The next call uses it.");
                    }
                    if (changedWhileSaving) {
                        changedWhileSaving = false;
                        storesChanged();
                    }
                    return e == null;
                }, fx);
    }

    /** A refusal because the store holds a newer save (409 changed_elsewhere over the API). */
    private static boolean staleSave(Throwable why) {
        return why instanceof app.highway.config.ConcurrentChange
                || why instanceof app.highway.team.Refusal r && r.kind() == app.highway.team.Refusal.Kind.CONFLICT;
    }

    /** Puts {@code text} and {@code tpl} in the editor as the text its edits are made over. */
    private void show(String text, String tpl) {
        instructions.set(text);
        template.set(tpl);
        baseInstructions = text;
        baseTemplate = tpl;
        changedElsewhere.set(false);
    }

    /** True when the editor's text differs from the version it was loaded with. */
    public boolean edited() {
        return !java.util.Objects.equals(instructions.get(), baseInstructions)
                || !java.util.Objects.equals(template.get(), baseTemplate);
    }

    /**
     * The versions or the one in use may have changed (on the FX thread): the list shows every version at once;
     * the editor shows the version now in use if it holds no unsaved edits, else
     * {@link #changedElsewhereProperty()} turns true and the edits stay.
     */
    public void storesChanged() {
        versions.setAll(history.versions());
        if (saving) {
            changedWhileSaving = true;
            return;
        }
        CallSettings now = settings.current();
        if (now.instructions().equals(baseInstructions) && now.verificationTemplate().equals(baseTemplate)) {
            return;
        }
        if (edited()) {
            changedElsewhere.set(true);
            return;
        }
        show(now.instructions(), now.verificationTemplate());
        notice.set(versions.stream().filter(v -> v.version() == now.promptVersion()).findFirst()
                .map(v -> "Updated by " + (v.savedBy() == null ? "another console" : v.savedBy()) + " at "
                        + HH_MM.format(v.savedAt().atZone(zone)) + ": version " + v.version() + " is in use.")
                .orElse("Changed elsewhere, reloaded at " + LocalTime.now(clock).format(HH_MM) + "."));
    }

    /** Shows the version now in use; the editor's edits are discarded. */
    public void reloadFromStore() {
        CallSettings now = settings.current();
        show(now.instructions(), now.verificationTemplate());
        message.set("");
        notice.set("Reloaded version " + now.promptVersion() + " (in use); your edits were discarded.");
    }

    /** Keeps the editor's edits: saving them makes a new version, and the other one stays in the list. */
    public void keepEditing() {
        changedElsewhere.set(false);
        notice.set("Your edits are kept; saving them makes a new version (the other one stays in the list).");
    }

    /**
     * How {@code v} differs from the version in use, line by line: "- " lines only in the one in use,
     * "+ " lines only in {@code v}, "  " lines in both; "Same text as the version in use." if none.
     */
    public String diff(PromptHistory.Version v) {
        CallSettings current = settings.current();
        if (v.sameText(current.instructions(), current.verificationTemplate())) {
            return "Same text as the version in use (v" + current.promptVersion() + ").";
        }
        return "Compared with the version in use (v" + current.promptVersion() + "):\n"
                + "System message:\n" + LineDiff.diff(current.instructions(), v.instructions())
                + "\nVerification template:\n" + LineDiff.diff(current.verificationTemplate(),
                        v.verificationTemplate());
    }

    /** Loads an older version into the editor; saving it makes it current again (as a new version). */
    public void revertTo(PromptHistory.Version v) {
        instructions.set(v.instructions());
        template.set(v.verificationTemplate());
        message.set("Loaded version " + v.version() + ". Save to use it for the next call.");
    }

    /** Number, time to the second and who saved it, e.g. "v2  ·  2025-03-04 10:15:30  ·  by alice  (in use)". */
    public String describe(PromptHistory.Version v) {
        String when = v.savedAt().getEpochSecond() == 0 ? "original Highway text" : WHEN.format(v.savedAt().atZone(zone));
        String who = v.savedBy() == null ? "" : "  ·  by " + v.savedBy();
        return "v" + v.version() + "  ·  " + when + who
                + (v.version() == settings.current().promptVersion() ? "  (in use)" : "");
    }

    public StringProperty instructionsProperty() {
        return instructions;
    }

    public StringProperty templateProperty() {
        return template;
    }

    public StringBinding previewProperty() {
        return preview;
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

    public ObservableList<PromptHistory.Version> versions() {
        return versions;
    }
}
