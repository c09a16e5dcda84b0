package app.highway.ui.call;

import app.highway.call.CallSnapshot;
import app.highway.call.PhoneMask;
import app.highway.call.TimelineEntry;
import app.highway.call.TranscriptLine;
import app.highway.call.TurnLatencies;
import app.highway.call.CallEvent;
import app.highway.ui.common.Formats;
import app.highway.ui.common.Words;
import app.highway.usage.Usage;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected call in full: transcript of both sides as it happens (partial lines replaced by
 * their final text), timeline, reflection, usage split, cost, and the supervisor's hang-up.
 * Reads run on {@code reads} and land on {@code fx}: the caller's thread for live calls (memory),
 * a background thread then the FX thread for past calls (the store); hanging up runs on
 * {@code background}. Nothing here waits on the caller's thread.
 */
public final class CallDetailViewModel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** How the bridge words the problem of a call whose model has no price (see CallPlacement). */
    static final String NO_PRICE = "No price is set";
    static final int TURNS_SHOWN = 30;

    private final Function<String, Optional<CallSnapshot>> calls;
    private final Predicate<String> hangUp;
    private final ZoneId zone;
    private final Executor reads;
    private final Executor background;
    private final Executor fx;
    private String callId;
    /** Numbers each read, so that a slow read for a call no longer shown is dropped. */
    private long request;

    private final StringProperty title = new SimpleStringProperty("Select a call");
    private final StringProperty state = new SimpleStringProperty("");
    private final StringProperty reflection = new SimpleStringProperty("");
    private final StringProperty usage = new SimpleStringProperty("");
    private final StringProperty cost = new SimpleStringProperty("");
    private final StringProperty settings = new SimpleStringProperty("");
    private final StringProperty turnLatency = new SimpleStringProperty("");
    /** The raw values behind the words, for tooltips. */
    private final StringProperty stateRaw = new SimpleStringProperty("");
    private final StringProperty reflectionRaw = new SimpleStringProperty("");
    /** The call's "No price is set" problem, kept in sight (empty when the call's model has a price). */
    private final StringProperty priceWarning = new SimpleStringProperty("");
    private final BooleanProperty canHangUp = new SimpleBooleanProperty(false);
    private final ObservableList<TranscriptLine> transcript = FXCollections.observableArrayList();
    private final ObservableList<String> timeline = FXCollections.observableArrayList();
    /** Each timeline line as recorded (raw kind and detail), index for index with {@link #timeline()}. */
    private final List<String> timelineRaw = new java.util.ArrayList<>();

    public CallDetailViewModel(Function<String, Optional<CallSnapshot>> calls, Predicate<String> hangUp, ZoneId zone,
            Executor reads, Executor background, Executor fx) {
        this.calls = calls;
        this.hangUp = hangUp;
        this.zone = zone;
        this.reads = reads;
        this.background = background;
        this.fx = fx;
    }

    /** A live call, read from memory on the caller's thread (each tick). */
    public static CallDetailViewModel live(Function<String, Optional<CallSnapshot>> calls, Predicate<String> hangUp,
            ZoneId zone, Executor background) {
        return new CallDetailViewModel(calls, hangUp, zone, Runnable::run, background, Runnable::run);
    }

    /** A past call, read from the store on {@code background}, shown through {@code fx}. */
    public static CallDetailViewModel stored(Function<String, Optional<CallSnapshot>> calls, Predicate<String> hangUp,
            ZoneId zone, Executor background, Executor fx) {
        return new CallDetailViewModel(calls, hangUp, zone, background, background, fx);
    }

    public void show(String id) {
        this.callId = id;
        refresh();
    }

    /** Refreshes once per tick if anything in the batch concerns the shown call. */
    public void apply(List<CallEvent> batch) {
        if (callId != null && batch.stream().anyMatch(e -> callId.equals(e.callId()))) {
            refresh();
        }
    }

    /** Asks the bridge to end the shown call (off the caller's thread); false if it had already ended. */
    public CompletableFuture<Boolean> hangUp() {
        String id = callId;
        if (id == null) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> hangUp.test(id), background);
    }

    private void refresh() {
        String id = callId;
        long mine = ++request;
        if (id == null) {
            render(Optional.empty());
            return;
        }
        CompletableFuture.supplyAsync(() -> calls.apply(id), reads)
                .exceptionally(e -> Optional.empty())
                .thenAcceptAsync(found -> {
                    if (mine == request) {
                        render(found);
                    }
                }, fx);
    }

    private void render(Optional<CallSnapshot> found) {
        if (found.isEmpty()) {
            title.set("Select a call");
            state.set("");
            reflection.set("");
            usage.set("");
            cost.set("");
            settings.set("");
            turnLatency.set("");
            stateRaw.set("");
            reflectionRaw.set("");
            priceWarning.set("");
            canHangUp.set(false);
            timelineRaw.clear();
            transcript.clear();
            timeline.clear();
            return;
        }
        CallSnapshot s = found.get();
        title.set(PhoneMask.mask(s.to()) + (s.simulated() ? "  (simulated)" : "") + (s.callSid() == null ? ""
                : "  ·  " + s.callSid()));
        state.set(s.state().wire() + (s.endReason() == null ? "" : " (" + Words.endReason(s.endReason()) + ")"));
        stateRaw.set(s.state().wire() + (s.endReason() == null ? "" : " (" + s.endReason() + ")"));
        reflection.set(s.reflection() != null ? Formats.reflection(s.reflection())
                : s.state().isFinal() ? "none reported" : "not reported yet");
        reflectionRaw.set(s.reflection() == null ? "" : s.reflection());
        priceWarning.set(s.timeline().stream()
                .filter(e -> "problem".equals(e.kind()) && e.detail() != null && e.detail().startsWith(NO_PRICE))
                .map(TimelineEntry::detail).findFirst().orElse(""));
        Usage u = s.usage();
        usage.set(String.format("in %d (text %d, audio %d, cached %d)  ·  out %d (text %d, audio %d)  ·  total %d",
                u.inputTokens(), u.inputTextTokens(), u.inputAudioTokens(), u.cachedTokens(), u.outputTokens(),
                u.outputTextTokens(), u.outputAudioTokens(), u.totalTokens()));
        cost.set(s.transcriptionCostUsd() == 0 ? usd(s.costUsd()) // nothing transcribed (yet): no split to show
                : usd(s.costUsd()) + " (voice " + usd(s.voiceCostUsd()) + ", transcription "
                        + usd(s.transcriptionCostUsd()) + ")");
        var cs = s.settings(); // null for a moment: a console learns a new call's settings just after it
        settings.set(cs == null ? "" : cs.model() + " · voice " + cs.voice() + " · VAD " + cs.vadThreshold() + " / "
                + cs.prefixPaddingMs() + " ms / " + cs.silenceDurationMs() + " ms · max " + cs.maxCallSeconds()
                + " s · system message v" + cs.promptVersion());
        turnLatency.set(turnLatencyText(s.turnLatency()));
        canHangUp.set(!s.state().isFinal());
        syncTranscript(s.transcript());
        timelineRaw.clear();
        s.timeline().forEach(e -> timelineRaw.add(e.kind() + "  " + e.detail()));
        List<String> lines = s.timeline().stream().map(this::timelineText).toList();
        if (lines.size() < timeline.size() || !lines.subList(0, timeline.size()).equals(timeline)) {
            timeline.setAll(lines);
        } else {
            timeline.addAll(lines.subList(timeline.size(), lines.size()));
        }
    }

    /** Keeps list identity for unchanged lines, so the view does not flicker while text streams in. */
    private void syncTranscript(List<TranscriptLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (i < transcript.size()) {
                if (!transcript.get(i).equals(lines.get(i))) {
                    transcript.set(i, lines.get(i));
                }
            } else {
                transcript.add(lines.get(i));
            }
        }
        if (transcript.size() > lines.size()) {
            transcript.remove(lines.size(), transcript.size());
        }
    }

    private String timelineText(TimelineEntry e) {
        return TIME.format(e.at().atZone(zone)) + "  " + e.kind() + "  " + Words.timelineDetail(e.kind(), e.detail());
    }

    /**
     * Last, p50 and p90 with the number of turns, then each turn's wait in the order spoken (the latest
     * {@value #TURNS_SHOWN} of a long call); what to say when none has been measured.
     */
    static String turnLatencyText(TurnLatencies t) {
        if (t.count() == 0) {
            return "no turn yet (the caller stops speaking → the assistant's first audio)";
        }
        List<TurnLatencies.Turn> turns = t.turns();
        List<TurnLatencies.Turn> shown = turns.subList(Math.max(0, turns.size() - TURNS_SHOWN), turns.size());
        return Formats.turnLatency(t) + " · " + t.count() + (t.count() == 1 ? " turn" : " turns") + "\n"
                + (shown.size() < turns.size() ? "… " : "") + shown.stream().map(x -> String.valueOf(x.latencyMs()))
                        .collect(java.util.stream.Collectors.joining(", ")) + " ms";
    }

    /** The raw timeline line at {@code index} (kind and detail as recorded), for its tooltip. */
    public String timelineRaw(int index) {
        return index >= 0 && index < timelineRaw.size() ? timelineRaw.get(index) : "";
    }

    public StringProperty stateRawProperty() {
        return stateRaw;
    }

    public StringProperty reflectionRawProperty() {
        return reflectionRaw;
    }

    public StringProperty priceWarningProperty() {
        return priceWarning;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public StringProperty stateProperty() {
        return state;
    }

    public StringProperty reflectionProperty() {
        return reflection;
    }

    public StringProperty usageProperty() {
        return usage;
    }

    public StringProperty costProperty() {
        return cost;
    }

    public StringProperty settingsProperty() {
        return settings;
    }

    /** How long the caller waited for the assistant: last, p50, p90, count, then each turn. */
    public StringProperty turnLatencyProperty() {
        return turnLatency;
    }

    public BooleanProperty canHangUpProperty() {
        return canHangUp;
    }

    public ObservableList<TranscriptLine> transcript() {
        return transcript;
    }

    public ObservableList<String> timeline() {
        return timeline;
    }

    /** The detail's costs to 1/100 of a cent: a call's transcription often costs less than a cent. */
    private static String usd(double usd) {
        return String.format(java.util.Locale.ROOT, "$%.4f", usd);
    }
}
