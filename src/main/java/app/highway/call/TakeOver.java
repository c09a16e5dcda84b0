package app.highway.call;

import app.highway.audio.Base64Audio;
import app.highway.realtime.ModelConnection;
import app.highway.twilio.MediaStreamSender;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * A supervisor speaking to the caller in the assistant's place: one at a time per call. While it lasts
 * the assistant is muted (the mute core: nothing it says is played, no response is asked for) and the
 * supervisor's frames go to the caller as the call's outbound audio, in the order they came. Handing
 * back unmutes the assistant and tells it, as a system note, what happened meanwhile.
 */
final class TakeOver {
    /** Who holds the call, since when. */
    private record Holder(String user, Instant since, long startNanos) { }

    private final CallSession session;
    private final Supervision supervision;
    private final Executor relay;
    private final AtomicReference<Holder> holder = new AtomicReference<>();

    TakeOver(CallSession session, Supervision supervision, Executor relay) {
        this.session = session;
        this.supervision = supervision;
        this.relay = relay;
    }

    /** What asking to take over came to. */
    enum Begin { TAKEN_OVER, ALREADY_TAKEN_OVER, NOT_ANSWERED, ENDED }

    /** {@code user} takes the call over (any thread): the assistant is muted at once. */
    Begin begin(String user) {
        Call call = session.call();
        if (call.isOver()) {
            return Begin.ENDED;
        }
        if (session.callerSender() == null) {
            return Begin.NOT_ANSWERED;
        }
        if (!holder.compareAndSet(null, new Holder(user, Instant.now(), System.nanoTime()))) {
            return Begin.ALREADY_TAKEN_OVER;
        }
        call.setTakenOverBy(user);
        call.supervisorAction("take_over", user, "speaking to the caller in the assistant's place");
        supervision.mute(user, "taken over");
        return Begin.TAKEN_OVER;
    }

    /** Who holds the call now, if anyone. */
    String heldBy() {
        Holder h = holder.get();
        return h == null ? null : h.user();
    }

    /**
     * 20 ms of the supervisor's voice (μ-law) to the caller, on the relay loop, in the order given. False
     * if the call is not taken over by {@code user} (any more) or has no media stream.
     */
    boolean speak(String user, byte[] mulaw) {
        Holder h = holder.get();
        MediaStreamSender caller = session.callerSender();
        if (h == null || !h.user().equals(user) || caller == null) {
            return false;
        }
        byte[] text = Base64.getEncoder().encode(mulaw);
        caller.sendAudio(Base64Audio.view(text, 0, text.length));
        return true;
    }

    /**
     * {@code user} hands the call back (any thread): the assistant gets a note saying what happened and is
     * unmuted. Returns how long the take-over lasted, or null if {@code user} did not hold it.
     */
    Duration handBack(String user) {
        Holder h = holder.get();
        if (h == null || !h.user().equals(user) || !holder.compareAndSet(h, null)) {
            return null;
        }
        Duration lasted = Duration.ofNanos(System.nanoTime() - h.startNanos());
        Call call = session.call();
        call.setTakenOverBy(null);
        if (call.isOver()) {
            return lasted;
        }
        call.supervisorAction("hand_back", user, "after " + lasted.toSeconds() + " s; the assistant speaks again");
        String note = summary(lasted, callerLines(call, h.since()));
        relay.execute(() -> { // before the unmute (the same loop, in order): the next answer knows it
            ModelConnection m = session.modelConnection();
            if (m != null && !call.isOver()) {
                m.sendSystemMessage(note);
            }
        });
        supervision.unmute(user, "handed back");
        return lasted;
    }

    private static List<String> callerLines(Call call, Instant since) {
        return call.snapshot().transcript().stream()
                .filter(l -> l.speaker() == Speaker.CALLER && !l.at().isBefore(since))
                .map(TranscriptLine::text).filter(t -> t != null && !t.isBlank()).toList();
    }

    /** The system note the assistant gets when the call is handed back to it. */
    static String summary(Duration lasted, List<String> callerSaid) {
        String said = callerSaid.isEmpty() ? "The caller said nothing that was transcribed."
                : "The caller said: " + callerSaid.stream().map(t -> "\"" + t.strip() + "\"")
                        .collect(Collectors.joining(" ")) + ".";
        return "A supervisor spoke with the caller in your place for " + lasted.toSeconds() + " s. " + said
                + " What the supervisor said was not transcribed. The call is yours again: continue from here, "
                + "without repeating what was already settled.";
    }
}
