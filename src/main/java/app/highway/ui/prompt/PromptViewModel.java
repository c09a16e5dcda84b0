package app.highway.ui.prompt;

import app.highway.ConsoleServices.Prompts;
import app.highway.ConsoleServices.Stored;
import app.highway.config.CallSettings;
import app.highway.config.PromptHistory;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The system message and the {@code SYSTEM:(…)} verification template, with a live preview of
 * what the model receives for a sample code, and every saved version to revert to. Saving writes
 * files on {@code background}; the outcome lands through {@code fx}.
 */
public final class PromptViewModel {
    public static final String SAMPLE_CODE = "482913";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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

    public PromptViewModel(Stored<CallSettings> settings, Prompts history, ZoneId zone, Executor background,
            Executor fx) {
        this.settings = settings;
        this.history = history;
        this.zone = zone;
        this.background = background;
        this.fx = fx;
        CallSettings current = settings.current();
        instructions.set(current.instructions());
        template.set(current.verificationTemplate());
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
        return CompletableFuture.supplyAsync(() -> {
            PromptHistory.Version v = history.save(text, tpl);
            settings.save(settings.current().withPrompt(text, tpl, v.version()));
            return new Saved(v, history.versions());
        }, background).handleAsync((saved, e) -> {
            if (e != null) {
                message.set("Not saved: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                return false;
            }
            versions.setAll(saved.versions());
            int n = saved.version().version();
            message.set(n > newest ? "Saved as version " + n + ". The next call uses it."
                    : "Same text as version " + n + ": version " + n + " is in use again (no new version).");
            return true;
        }, fx);
    }

    private record Saved(PromptHistory.Version version, List<PromptHistory.Version> versions) { }

    /**
     * Makes {@code v} the version the next call uses, as it is (no new version is saved): the
     * editor shows its text. Writing the settings runs on {@code background}.
     */
    public CompletableFuture<Boolean> use(PromptHistory.Version v) {
        return CompletableFuture.runAsync(() -> settings.save(settings.current().withPrompt(v.instructions(),
                v.verificationTemplate(), v.version())), background).handleAsync((done, e) -> {
                    if (e != null) {
                        message.set("Not changed: " + (e.getCause() == null ? e : e.getCause()).getMessage());
                        return false;
                    }
                    instructions.set(v.instructions());
                    template.set(v.verificationTemplate());
                    versions.setAll(List.copyOf(versions)); // the "(in use)" mark moves
                    message.set("Version " + v.version() + " is in use again. The next call uses it.");
                    return true;
                }, fx);
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

    public StringProperty messageProperty() {
        return message;
    }

    public ObservableList<PromptHistory.Version> versions() {
        return versions;
    }
}
