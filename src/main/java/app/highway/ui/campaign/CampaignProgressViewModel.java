package app.highway.ui.campaign;

import app.highway.ConsoleServices;
import app.highway.campaign.CampaignProgress;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignState;
import app.highway.campaign.Outcome;
import app.highway.campaign.RowState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One campaign's progress: a bar, counts by outcome and by row state, the time left, each row (number masked;
 * the code is never part of it), and what a person does to it (start, a test call, pause, resume, cancel, dial
 * the rows to review again, export the results). Reading and acting run on {@code background}; a refresh asked
 * while one is under way runs once more after it, never twice at once, so a busy campaign costs one read at a
 * time whatever the number of changes the bridge reports.
 */
public final class CampaignProgressViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    /** Written first in a CSV export, so that Excel reads it as UTF-8 (masked numbers hold a "•"). */
    private static final String UTF8_BOM = "\uFEFF";

    /** One count shown: a word (an outcome or a row state) and how many. */
    public record Count(String key, String words, int count) { }

    private final ConsoleServices.CampaignDesk desk;
    private final Executor background;
    private final Executor fx;
    private final ZoneId zone;
    private final ObjectProperty<CampaignProgress> progress = new SimpleObjectProperty<>();
    private final ObservableList<CampaignProgress.RowView> rows = FXCollections.observableArrayList();
    private final ObservableList<Count> outcomes = FXCollections.observableArrayList();
    private final ObservableList<Count> states = FXCollections.observableArrayList();
    private final DoubleProperty fraction = new SimpleDoubleProperty();
    private final StringProperty title = new SimpleStringProperty("No campaign selected");
    private final StringProperty stateText = new SimpleStringProperty("");
    private final StringProperty counted = new SimpleStringProperty("");
    private final StringProperty timeLeft = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private volatile String shown;
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public CampaignProgressViewModel(ConsoleServices.CampaignDesk desk, Executor background, Executor fx,
            ZoneId zone) {
        this.desk = desk;
        this.background = background;
        this.fx = fx;
        this.zone = zone;
    }

    /** Shows campaign {@code id} (null: none), read at once. */
    public void show(String id) {
        shown = id;
        if (id == null) {
            apply(null);
            return;
        }
        if (progress.get() == null || !progress.get().campaign().id().equals(id)) {
            title.set("Reading " + id + "…");
        }
        refresh();
    }

    /** The campaign shown, if any. */
    public String shown() {
        return shown;
    }

    /** Reads the progress again (any thread); at most one read at a time, the last asked for always follows. */
    public void refresh() {
        if (shown == null) {
            return;
        }
        if (!reading.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        String id = shown;
        CompletableFuture<CampaignProgress> read;
        try {
            read = CompletableFuture.supplyAsync(() -> desk.progress(id), background);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            reading.set(false); // the console is closing
            return;
        }
        read.whenComplete((p, e) -> {
            fx.execute(() -> {
                if (!id.equals(shown)) {
                    return; // another campaign was chosen meanwhile
                }
                if (e != null) {
                    message.set("Could not read the progress: " + ImportWizardViewModel.why(e));
                } else {
                    apply(p);
                }
            });
            reading.set(false);
            if (again.getAndSet(false)) {
                refresh();
            }
        });
    }

    private void apply(CampaignProgress p) {
        progress.set(p);
        if (p == null) {
            rows.clear();
            outcomes.clear();
            states.clear();
            fraction.set(0);
            title.set("No campaign selected");
            stateText.set("");
            counted.set("");
            timeLeft.set("");
            return;
        }
        CampaignRecord c = p.campaign();
        rows.setAll(p.rows());
        outcomes.setAll(outcomeCounts(p.outcomes()));
        states.setAll(stateCounts(p.states()));
        int toDial = c.rows() - c.skipped();
        int finished = toDial - p.remaining();
        fraction.set(toDial == 0 ? 1 : (double) finished / toDial);
        title.set(c.plan().name() + " (" + c.id() + ", by " + c.owner() + ")");
        stateText.set(words(c.state().wire()));
        counted.set(finished + " of " + toDial + " rows finished" + (c.skipped() > 0 ? " · " + c.skipped()
                + " skipped (bad rows)" : ""));
        timeLeft.set(timeLeft(p));
    }

    /** The outcomes in the order the bridge lists them ({@link Outcome}), then any this console does not know. */
    static List<Count> outcomeCounts(Map<String, Integer> byOutcome) {
        Map<String, Integer> left = new LinkedHashMap<>(byOutcome);
        List<Count> out = new ArrayList<>();
        for (Outcome o : Outcome.values()) {
            Integer n = left.remove(o.wire());
            if (n != null && n > 0) {
                out.add(new Count(o.wire(), words(o.wire()), n));
            }
        }
        left.forEach((k, n) -> out.add(new Count(k, words(k), n)));
        return out;
    }

    static List<Count> stateCounts(Map<String, Integer> byState) {
        Map<String, Integer> left = new LinkedHashMap<>(byState);
        List<Count> out = new ArrayList<>();
        for (RowState s : RowState.values()) {
            Integer n = left.remove(s.wire());
            if (n != null && n > 0) {
                out.add(new Count(s.wire(), words(s.wire()), n));
            }
        }
        left.forEach((k, n) -> out.add(new Count(k, words(k), n)));
        return out;
    }

    private String timeLeft(CampaignProgress p) {
        CampaignState s = p.campaign().state();
        if (s.isFinal()) {
            Instant ended = p.campaign().endedAt();
            return s == CampaignState.COMPLETED ? "Finished" + (ended == null ? "" : " at " + TIME.format(
                    ended.atZone(zone))) : "Canceled";
        }
        if (p.remaining() == 0) {
            return "Nothing left to dial";
        }
        String left = "About " + duration(p.estimatedSecondsLeft()) + " left";
        if (p.waitingUntil() != null) {
            left += " · waiting until " + TIME.format(p.waitingUntil().atZone(zone))
                    + " (calling hours or a retry)";
        }
        return s == CampaignState.RUNNING ? left : left + " once started";
    }

    /** {@code 45 s}, {@code 3 min}, {@code 1 h 20 min}. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
    }

    /** A machine word as people read it: {@code no_answer} is "No answer". */
    static String words(String wire) {
        if (wire == null || wire.isEmpty()) {
            return "";
        }
        String w = wire.replace('_', ' ');
        return w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }

    // ---- what a person does

    public CompletableFuture<Void> act(ConsoleServices.CampaignAction action) {
        String id = shown;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> desk.control(id, action), background).handleAsync((r, e) -> {
            busy.set(false);
            message.set(e != null ? ImportWizardViewModel.why(e) : switch (action) {
                case START -> "Started";
                case TEST -> "Test call: the next row only; the campaign is ready again after it";
                case PAUSE -> "Paused: no new call starts; calls under way go on";
                case RESUME -> "Resumed";
                case CANCEL -> "Canceled: rows not dialled will not be; calls under way go on";
            });
            refresh();
            return null;
        }, fx);
    }

    /** Dials again the rows left for review. */
    public CompletableFuture<Void> requeue() {
        String id = shown;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        return CompletableFuture.supplyAsync(() -> desk.requeue(id), background).handleAsync((r, e) -> {
            busy.set(false);
            message.set(e != null ? ImportWizardViewModel.why(e) : r.rows() + (r.rows() == 1 ? " row" : " rows")
                    + " to review will be dialled again" + (r.campaign().state() == CampaignState.READY
                    ? ": start the campaign" : ""));
            refresh();
            return null;
        }, fx);
    }

    /** Writes the results to {@code file} (numbers masked, codes never). */
    public CompletableFuture<Void> export(Path file, ConsoleServices.ResultFormat format) {
        String id = shown;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> {
            String text = desk.results(id, format);
            try {
                Files.writeString(file, format == ConsoleServices.ResultFormat.CSV ? UTF8_BOM + text : text,
                        StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("Cannot write " + file.getFileName() + ": " + e.getMessage(), e);
            }
            return "Results exported to " + file.getFileName() + " (numbers masked, no codes)";
        }, background).handleAsync((done, e) -> {
            message.set(e != null ? "Export failed: " + ImportWizardViewModel.why(e) : done);
            return null;
        }, fx);
    }

    // ---- what may be done now

    private BooleanBinding inState(CampaignState... allowed) {
        return Bindings.createBooleanBinding(() -> {
            CampaignProgress p = progress.get();
            return !busy.get() && p != null && List.of(allowed).contains(p.campaign().state());
        }, progress, busy);
    }

    public BooleanBinding mayStartProperty() {
        return inState(CampaignState.READY);
    }

    public BooleanBinding mayPauseProperty() {
        return inState(CampaignState.RUNNING);
    }

    public BooleanBinding mayResumeProperty() {
        return inState(CampaignState.PAUSED);
    }

    public BooleanBinding mayCancelProperty() {
        return inState(CampaignState.READY, CampaignState.RUNNING, CampaignState.PAUSED);
    }

    public BooleanBinding mayRequeueProperty() {
        return Bindings.createBooleanBinding(() -> {
            CampaignProgress p = progress.get();
            return !busy.get() && p != null && p.campaign().state() != CampaignState.CANCELED
                    && p.states().getOrDefault(RowState.NEEDS_REVIEW.wire(), 0) > 0;
        }, progress, busy);
    }

    public BooleanBinding mayExportProperty() {
        return progress.isNotNull();
    }

    // ---- properties

    public ObjectProperty<CampaignProgress> progressProperty() {
        return progress;
    }

    public ObservableList<CampaignProgress.RowView> rows() {
        return rows;
    }

    public ObservableList<Count> outcomes() {
        return outcomes;
    }

    public ObservableList<Count> states() {
        return states;
    }

    public DoubleProperty fractionProperty() {
        return fraction;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty stateTextProperty() {
        return stateText;
    }

    public StringProperty countedProperty() {
        return counted;
    }

    public StringProperty timeLeftProperty() {
        return timeLeft;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }
}
