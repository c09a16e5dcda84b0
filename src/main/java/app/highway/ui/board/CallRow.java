package app.highway.ui.board;

import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.PhoneMask;
import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import app.highway.ui.common.Formats;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One call on the board, as properties the table binds to; updated from snapshots, once per tick. */
public final class CallRow {
    private final String id;
    private final String to;
    private final String maskedNumber;
    private final String placedBy;
    private final boolean simulated;
    private final Instant createdAt;
    private final ObjectProperty<CallState> state = new SimpleObjectProperty<>(CallState.QUEUED);
    private final ObjectProperty<Duration> elapsed = new SimpleObjectProperty<>(Duration.ZERO);
    private final ObjectProperty<Speaker> speaking = new SimpleObjectProperty<>();
    private final StringProperty lastLine = new SimpleStringProperty("");
    private final StringProperty reflection = new SimpleStringProperty();
    private final StringProperty endReason = new SimpleStringProperty();
    private final LongProperty tokens = new SimpleLongProperty();
    private final DoubleProperty cost = new SimpleDoubleProperty();
    private final StringProperty turnLatency = new SimpleStringProperty("");
    private int turns;
    private Instant answeredAt;
    private Instant endedAt;

    CallRow(CallSnapshot s) {
        this.id = s.id();
        this.to = s.to();
        this.maskedNumber = PhoneMask.mask(s.to());
        this.placedBy = s.placedBy();
        this.simulated = s.simulated();
        this.createdAt = s.createdAt();
    }

    void update(CallSnapshot s, Instant now) {
        state.set(s.state());
        speaking.set(s.speaking());
        reflection.set(s.reflection());
        endReason.set(s.endReason());
        tokens.set(s.usage().totalTokens());
        cost.set(s.costUsd());
        if (s.turnLatency().count() != turns) { // changes only with a new turn: no new text (and cell update) per tick
            turns = s.turnLatency().count();
            turnLatency.set(Formats.turnLatency(s.turnLatency()));
        }
        answeredAt = s.answeredAt();
        endedAt = s.endedAt();
        if (!s.transcript().isEmpty()) {
            TranscriptLine last = s.transcript().get(s.transcript().size() - 1);
            lastLine.set((last.speaker() == Speaker.ASSISTANT ? "Assistant: " : "Caller: ") + last.text());
        }
        tick(now);
    }

    /** Elapsed time: ringing time before the answer, talk time after it. */
    void tick(Instant now) {
        Instant from = answeredAt != null ? answeredAt : createdAt;
        Instant to = endedAt != null ? endedAt : now;
        // whole seconds: the board shows m:ss, so the cell changes (and lays out) once a second, not every tick
        elapsed.set(Duration.ofSeconds(Duration.between(from, to).toSeconds()));
    }

    /** When the call ended, or null while it is live. */
    Instant endedAt() {
        return endedAt;
    }

    boolean isLive() {
        return !state.get().isFinal();
    }

    public String id() {
        return id;
    }

    public String to() {
        return to;
    }

    public String maskedNumber() {
        return maskedNumber;
    }

    /** The user name of whoever placed the call ({@code owner} for the bridge's own token). */
    public String placedBy() {
        return placedBy;
    }

    public boolean simulated() {
        return simulated;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public ObjectProperty<CallState> stateProperty() {
        return state;
    }

    public ObjectProperty<Duration> elapsedProperty() {
        return elapsed;
    }

    public ObjectProperty<Speaker> speakingProperty() {
        return speaking;
    }

    public StringProperty lastLineProperty() {
        return lastLine;
    }

    public StringProperty reflectionProperty() {
        return reflection;
    }

    public StringProperty endReasonProperty() {
        return endReason;
    }

    public LongProperty tokensProperty() {
        return tokens;
    }

    public DoubleProperty costProperty() {
        return cost;
    }

    /** How long the caller waited for the assistant: last turn, p50, p90 ({@link Formats#turnLatency}). */
    public StringProperty turnLatencyProperty() {
        return turnLatency;
    }
}
