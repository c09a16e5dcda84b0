package app.highway.call;

import app.highway.realtime.ModelConnection;
import app.highway.twilio.MediaStreamSender;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A supervisor's commands to one call's conversation (fronted by {@link Steering} and {@link CallLink}):
 * mute and unmute the assistant, whisper to it, have it say a sentence, a note from the bridge, the
 * transfer under way, a take-over ({@link TakeOver}).
 *
 * <p>Threads: a command may come from any thread. What it changes on the call's record (muted, the
 * timeline, a supervisor note) changes at once, from that thread; what it does to the sockets is handed
 * to the call's relay loop, in the order asked, and dropped once the session is closed. The relay loop's
 * state (the model socket, {@link Responses}, {@link Playback}, the mute state last applied) is touched
 * only there, so a command never overlaps the model's events.
 */
final class Supervision {
    static final String SAY_INSTRUCTIONS = "Say exactly the following to the caller, word for word, in the "
            + "conversation's language, adding nothing before or after it: ";

    private final CallSession session;
    private final Call call;
    private final Executor relay;
    /** Relay loop only: the mute state the model and the carrier were last set to. */
    private boolean muteApplied;
    /** A transfer was asked of Twilio: the media stream stopping now is the transfer, not the caller hanging up. */
    private final AtomicBoolean transferring = new AtomicBoolean();
    /** A supervisor speaking in the assistant's place. */
    final TakeOver takeOver;

    Supervision(CallSession session, Executor relay) {
        this.session = session;
        this.call = session.call();
        this.relay = relay;
        this.takeOver = new TakeOver(session, this, relay);
    }

    Call call() {
        return call;
    }

    /**
     * Relay loop, a model socket was just configured (the first, or a reconnect's): a muted call's new socket
     * is told not to answer on its own, as configuring it turned answering on again.
     */
    void modelConnected(ModelConnection model) {
        muteApplied = call.muted();
        if (muteApplied) {
            model.respondOnTurns(call.settings(), false);
        }
    }

    /** Runs {@code work} on the relay loop, the thread the call's sockets are handled on, unless the call is closed. */
    private void onRelay(Runnable work) {
        relay.execute(() -> {
            if (!session.closed()) {
                work.run();
            }
        });
    }

    /**
     * Mutes the assistant, from any thread: on the timeline as done by {@code by} ({@code why} may be empty);
     * the response under way is cancelled, Twilio's buffer cleared, what was not heard truncated, and the
     * model stops answering on its own. False if it was muted already or the call is over.
     */
    boolean mute(String by, String why) {
        if (!call.setMuted(true)) {
            return false;
        }
        call.supervisorAction("mute", by, why);
        onRelay(this::applyMute);
        return true;
    }

    /** Unmutes the assistant, from any thread: it answers the caller's turns again. False if it was not muted. */
    boolean unmute(String by, String why) {
        if (!call.setMuted(false)) {
            return false;
        }
        call.supervisorAction("unmute", by, why);
        onRelay(this::applyMute);
        return true;
    }

    /** Relay loop: brings the model and the carrier to the call's mute state (the latest, if it flipped twice). */
    private void applyMute() {
        boolean mute = call.muted();
        if (mute == muteApplied) {
            return;
        }
        muteApplied = mute;
        ModelConnection m = session.modelConnection();
        if (mute) {
            if (m != null && session.responses.underWay()) {
                m.cancelResponse(); // only while one is under way: otherwise the model answers with an error
            }
            session.responses.forget();
            MediaStreamSender c = session.callerSender();
            if (c != null) {
                c.clear(); // drop what Twilio has not played yet
                Playback.Cut cut = session.playback.bargeIn();
                if (cut != null) {
                    if (m != null) {
                        m.truncate(cut.itemId(), cut.playedMs()); // the model forgets what the caller did not hear
                    }
                    call.speaking(null);
                }
            }
        }
        if (m != null && session.configured()) {
            m.respondOnTurns(call.settings(), !mute);
        }
    }

    /**
     * A supervisor's instruction to the assistant, from any thread: a system message the caller never hears,
     * shown in the transcript as a supervisor note; with {@code respond}, the assistant answers now (after the
     * response under way, if any; not while muted).
     */
    void whisper(String by, String text, boolean respond) {
        call.supervisorNote(text);
        call.supervisorAction("whisper", by, text + (respond ? " (respond now)" : ""));
        onRelay(() -> {
            ModelConnection m = session.modelConnection();
            if (m == null) {
                return;
            }
            m.sendSystemMessage(text);
            if (respond) {
                session.responses.request(m, call.muted(), null);
            }
        });
    }

    /** A note from the bridge to the assistant (a system message, e.g. after a take-over), from any thread. */
    void tellAssistant(String text) {
        onRelay(() -> {
            ModelConnection m = session.modelConnection();
            if (m != null) {
                m.sendSystemMessage(text);
            }
        });
    }

    /** The assistant says {@code text} next, word for word (after the response under way, if any). From any thread. */
    void say(String by, String text) {
        call.supervisorAction("say", by, text);
        onRelay(() -> session.responses.request(session.modelConnection(), call.muted(), SAY_INSTRUCTIONS + text));
    }

    /** A transfer starts; false if one is under way already. */
    boolean startTransfer() {
        return transferring.compareAndSet(false, true);
    }

    void transferFailed() {
        transferring.set(false);
    }

    boolean transferring() {
        return transferring.get();
    }
}
