package app.highway.ui.call;

import app.highway.ConsoleServices;
import app.highway.audiolink.AudioLinkSession;
import app.highway.audiolink.LinkDelay;
import app.highway.audiolink.LinkOutcome;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.sound.AudioDevices;
import app.highway.sound.Playback;
import app.highway.team.Actor;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A supervisor's powers on the shown call: listen in (with a volume and a live level and delay readout),
 * whisper to the assistant, have it say a sentence, mute it, take the call over by voice and hand it back,
 * transfer it. What is enabled follows the person's role (supervisors and admins: everything on any call; an
 * agent: listen, whisper, say and mute on the calls they placed), the call's state (live only) and this
 * computer's audio devices. Every power runs on {@code background} (they reach the bridge); answers and
 * refusals land on {@code fx} as a message in the view, never as a stack trace.
 *
 * <p>Listening and take-overs are kept per call: showing another call does not stop them, and the toggles
 * show the shown call's. {@link #supervision} takes the bridge's view of the call (muted, taken over by whom)
 * when its snapshot carries it.
 */
public final class SuperviseViewModel {
    private final ConsoleServices.Powers powers;
    private final AudioDevices devices;
    private final Actor actor;
    private final Function<String, Optional<CallSnapshot>> calls;
    private final Supplier<String> transferNumber;
    private final Executor background;
    private final Executor fx;
    private final Map<String, Link> listens = new HashMap<>();
    private final Map<String, Link> takeOvers = new HashMap<>();
    /** Calls this console muted (from the bridge's answers), until the bridge says otherwise. */
    private final Map<String, Boolean> mutedCalls = new HashMap<>();
    private String callId;
    private CallSnapshot call;

    private final BooleanProperty live = new SimpleBooleanProperty(false);
    private final BooleanProperty mayListen = new SimpleBooleanProperty(false);
    private final BooleanProperty maySteer = new SimpleBooleanProperty(false);
    private final BooleanProperty mayTakeOver = new SimpleBooleanProperty(false);
    private final BooleanProperty mayTransfer = new SimpleBooleanProperty(false);
    private final StringProperty outputProblem = new SimpleStringProperty("");
    private final StringProperty inputProblem = new SimpleStringProperty("");
    private final StringProperty whyNot = new SimpleStringProperty("");
    private final BooleanProperty listening = new SimpleBooleanProperty(false);
    private final BooleanProperty takenOver = new SimpleBooleanProperty(false);
    private final BooleanProperty muted = new SimpleBooleanProperty(false);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final IntegerProperty volume = new SimpleIntegerProperty(80);
    private final DoubleProperty level = new SimpleDoubleProperty(0);
    private final StringProperty readout = new SimpleStringProperty("");
    private final StringProperty whisper = new SimpleStringProperty("");
    private final BooleanProperty respondNow = new SimpleBooleanProperty(false);
    private final StringProperty say = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty messageIsError = new SimpleBooleanProperty(false);

    /** One open link and the speakers it plays on. */
    private record Link(AudioLinkSession session, Playback speakers) { }

    public SuperviseViewModel(ConsoleServices.Powers powers, AudioDevices devices, Actor actor,
            Function<String, Optional<CallSnapshot>> calls, Supplier<String> transferNumber, Executor background,
            Executor fx) {
        this.powers = powers;
        this.devices = devices;
        this.actor = actor;
        this.calls = calls;
        this.transferNumber = transferNumber;
        this.background = background;
        this.fx = fx;
        volume.addListener((o, was, now) -> {
            listens.values().forEach(l -> l.speakers().volume(now.intValue()));
            takeOvers.values().forEach(l -> l.speakers().volume(now.intValue()));
        });
        // looking for sound devices may take a moment (the sound system loads): never on the FX thread
        CompletableFuture.supplyAsync(() -> new String[] {devices.outputProblem().orElse(""),
            devices.inputProblem().orElse("")}, background).thenAcceptAsync(found -> {
                outputProblem.set(found[0]);
                inputProblem.set(found[1]);
                update();
            }, fx);
    }

    /** Shows {@code id}'s powers (null: no call). */
    public void show(String id) {
        callId = id;
        refresh();
    }

    /** One tick's events: the shown call's state may have changed. */
    public void apply(List<CallEvent> batch) {
        if (callId != null && batch.stream().anyMatch(e -> callId.equals(e.callId()))) {
            refresh();
        }
    }

    private void refresh() {
        call = callId == null ? null : calls.apply(callId).orElse(null);
        if (call != null) {
            mutedCalls.put(callId, call.muted()); // the bridge's word: muted from here, another console or the API
        }
        update();
    }

    /** The bridge's view of the shown call's supervision (from its snapshot, where the bridge sends it). */
    public void supervision(String id, boolean isMuted) {
        mutedCalls.put(id, isMuted);
        update();
    }

    private void update() {
        boolean isLive = call != null && !call.state().isFinal();
        boolean supervisor = actor.maySupervise();
        boolean own = call != null && actor.user().equals(call.placedBy());
        boolean steers = isLive && (supervisor || own);
        live.set(isLive);
        maySteer.set(steers);
        mayListen.set(steers && outputProblem.get().isEmpty());
        mayTakeOver.set(isLive && supervisor && outputProblem.get().isEmpty() && inputProblem.get().isEmpty());
        mayTransfer.set(isLive && supervisor);
        whyNot.set(call == null ? "" : !isLive ? "The call has ended" : !(supervisor || own)
                ? "Agents may supervise only the calls they placed" : "");
        listening.set(callId != null && listens.containsKey(callId));
        takenOver.set(callId != null && takeOvers.containsKey(callId));
        muted.set(callId != null && mutedCalls.getOrDefault(callId, false));
        tick();
    }

    /** The shown link's level and delay, read again (the view calls it a few times a second). */
    public void tick() {
        Link l = callId == null ? null : Optional.ofNullable(takeOvers.get(callId)).orElse(listens.get(callId));
        if (l == null) {
            level.set(0);
            readout.set("");
            return;
        }
        level.set(Math.min(1, l.session().level() * 3)); // speech sits well below full scale
        LinkDelay.Summary d = l.session().delay();
        readout.set(d.frames() == 0 ? "waiting for audio…" : String.format(Locale.ROOT,
                "delay %.0f ms (p50 %.0f, p99 %.0f)", d.lastMs(), d.p50Ms(), d.p99Ms()));
    }

    /** Listen in, or stop listening. */
    public CompletableFuture<Void> toggleListen() {
        String id = callId;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        Link open = listens.remove(id);
        if (open != null) {
            open.session().close();
            update();
            return CompletableFuture.completedFuture(null);
        }
        Playback speakers = devices.output();
        speakers.volume(volume.get());
        return run(() -> powers.listen(id, speakers), session -> {
            listens.put(id, new Link(session, speakers));
            follow(id, session, listens, "Listening in");
            return "Listening in: you hear the call as the caller hears it";
        });
    }

    /** Take the call over by voice, or hand it back to the assistant. */
    public CompletableFuture<Void> toggleTakeOver() {
        String id = callId;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        Link open = takeOvers.remove(id);
        if (open != null) {
            open.session().close();
            update();
            message("Handed back to the assistant", false);
            return CompletableFuture.completedFuture(null);
        }
        Playback speakers = devices.output();
        speakers.volume(volume.get());
        var mic = devices.input();
        return run(() -> powers.takeOver(id, mic, speakers), session -> {
            takeOvers.put(id, new Link(session, speakers));
            Link listen = listens.remove(id); // the take-over plays the caller: not twice
            if (listen != null) {
                listen.session().close();
            }
            follow(id, session, takeOvers, "Take-over");
            return "You are speaking to the caller: the assistant is muted until you hand back";
        });
    }

    /** Hears how a link ends: the toggle goes off and the person is told why, unless they stopped it. */
    private void follow(String id, AudioLinkSession session, Map<String, Link> links, String what) {
        session.outcome().thenAcceptAsync(how -> {
            Link l = links.get(id);
            if (l != null && l.session() == session) {
                links.remove(id);
            }
            if (!(how instanceof LinkOutcome.Stopped)) {
                message(what + " stopped: " + how.message(), !(how instanceof LinkOutcome.Ended));
            }
            update();
        }, fx);
    }

    public CompletableFuture<Void> sendWhisper() {
        String id = callId;
        String text = whisper.get() == null ? "" : whisper.get().trim();
        boolean respond = respondNow.get();
        if (id == null || text.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(() -> {
            powers.whisper(id, text, respond);
            return null;
        }, v -> {
            whisper.set("");
            return respond ? "Note sent; the assistant answers now" : "Note sent to the assistant";
        });
    }

    public CompletableFuture<Void> sendSay() {
        String id = callId;
        String text = say.get() == null ? "" : say.get().trim();
        if (id == null || text.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return run(() -> {
            powers.say(id, text);
            return null;
        }, v -> {
            say.set("");
            return "The assistant says it next";
        });
    }

    /** Mutes the assistant, or lets it answer again. */
    public CompletableFuture<Void> toggleMute() {
        String id = callId;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        boolean mute = !mutedCalls.getOrDefault(id, false);
        return run(() -> mute ? powers.mute(id) : powers.unmute(id), now -> {
            mutedCalls.put(id, now);
            return now ? "The assistant is muted: the caller is still heard and transcribed" : "The assistant answers again";
        });
    }

    /** The number the transfer dialog starts with: the bridge's transfer setting, if any. */
    public String transferNumber() {
        String n = transferNumber.get();
        return n == null ? "" : n;
    }

    /** Sends the call to {@code to} (blank: the bridge's transfer number), cold or warm. */
    public CompletableFuture<Void> transfer(String to, boolean warm) {
        String id = callId;
        if (id == null) {
            return CompletableFuture.completedFuture(null);
        }
        String number = to == null || to.isBlank() ? null : to.trim();
        return run(() -> {
            powers.transfer(id, number, warm);
            return null;
        }, v -> (warm ? "Warm transfer" : "Transfer") + " to " + (number == null ? "the transfer number" : number)
                + " under way");
    }

    /** Runs {@code power} off the FX thread; its answer (or refusal) is shown in words on the FX thread. */
    private <T> CompletableFuture<Void> run(Supplier<T> power, Function<T, String> done) {
        busy.set(true);
        return CompletableFuture.supplyAsync(power, background).handleAsync((answer, failure) -> {
            busy.set(false);
            if (failure != null) {
                message(words(failure), true);
            } else {
                message(done.apply(answer), false);
            }
            update();
            return null;
        }, fx);
    }

    private static String words(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        String m = cause.getMessage();
        return m == null || m.isBlank() ? "It did not work (" + cause.getClass().getSimpleName() + ")" : m;
    }

    private void message(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    /** Stops every link (the console is closing). */
    public void close() {
        listens.values().forEach(l -> l.session().close());
        takeOvers.values().forEach(l -> l.session().close());
        listens.clear();
        takeOvers.clear();
    }

    public BooleanProperty liveProperty() {
        return live;
    }

    /** Listen in: on a live call the person may steer, with speakers here. */
    public BooleanProperty mayListenProperty() {
        return mayListen;
    }

    /** Whisper, say this, mute: on a live call the person may steer. */
    public BooleanProperty maySteerProperty() {
        return maySteer;
    }

    /** Take over: supervisors, with speakers and a microphone here. */
    public BooleanProperty mayTakeOverProperty() {
        return mayTakeOver;
    }

    public BooleanProperty mayTransferProperty() {
        return mayTransfer;
    }

    /** Why a call's audio cannot be played here ("No audio output device on this computer"), empty if it can. */
    public StringProperty outputProblemProperty() {
        return outputProblem;
    }

    public StringProperty inputProblemProperty() {
        return inputProblem;
    }

    /** Why the powers are off for the shown call (ended, someone else's), empty when they are on. */
    public StringProperty whyNotProperty() {
        return whyNot;
    }

    public boolean isAgent() {
        return !actor.maySupervise();
    }

    public BooleanProperty listeningProperty() {
        return listening;
    }

    public BooleanProperty takenOverProperty() {
        return takenOver;
    }

    public BooleanProperty mutedProperty() {
        return muted;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public IntegerProperty volumeProperty() {
        return volume;
    }

    public DoubleProperty levelProperty() {
        return level;
    }

    public StringProperty readoutProperty() {
        return readout;
    }

    public StringProperty whisperProperty() {
        return whisper;
    }

    public BooleanProperty respondNowProperty() {
        return respondNow;
    }

    public StringProperty sayProperty() {
        return say;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty messageIsErrorProperty() {
        return messageIsError;
    }
}
