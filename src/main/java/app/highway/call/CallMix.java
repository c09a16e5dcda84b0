package app.highway.call;

import app.highway.audio.Base64Audio;
import app.highway.audio.MuLawMixer;
import app.highway.audio.WallMicros;
import app.highway.twilio.MediaStreamSender;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's listen-in tap: the caller's audio and the assistant's mixed as the caller hears it. What
 * is sent to the caller (the assistant's audio, a supervisor's during a take-over) goes into a playout
 * queue, emptied exactly when the bridge sends Twilio {@code clear} (barge-in, mute); each caller
 * frame (Twilio sends one every 20 ms, silence included) takes the next 20 ms of that queue (what
 * Twilio is playing to the caller meanwhile), and the two are mixed and handed to the listeners.
 *
 * <p>Nothing is queued, decoded or mixed while nobody listens: the frame path then costs one volatile
 * read. A listener joining while the assistant speaks starts with as much silence in the queue as the
 * caller has yet to hear of what was sent before (so the audio sent from then on lines up with the
 * caller's ear); it hears that unqueued remainder as silence. Threads: frames and sends run on the
 * relay loop; a {@code clear} or a listener may come from any thread, so the queue takes a short lock
 * that no one holds for longer than a 160-byte copy.
 */
final class CallMix implements MediaStreamSender.OutboundTap {
    private static final Logger log = LoggerFactory.getLogger(CallMix.class);
    private static final CallAudio.Listener[] NONE = new CallAudio.Listener[0];
    /** The most unplayed audio kept for listeners: two minutes (Twilio plays what it is sent at 1x). */
    static final int MAX_QUEUED_BYTES = 120 * 1000 * 8;
    private static final int FRAME = CallAudio.FRAME_BYTES;

    private volatile CallAudio.Listener[] listeners = NONE;
    private final Object lock = new Object();
    // the playout queue, a ring (under lock)
    private byte[] ring;
    private int head;
    private int size;
    // the relay loop's buffers: the caller's audio not yet mixed, and one frame's
    private byte[] callerIn = new byte[2 * FRAME];
    private int pending;
    private final byte[] caller = new byte[FRAME];
    private final byte[] assistant = new byte[FRAME];
    private final byte[] mixed = new byte[FRAME];
    private volatile boolean ended;

    /** Listeners now. */
    int listening() {
        return listeners.length;
    }

    /**
     * Adds a listener; {@code unplayedMs} is how much of what was already sent the caller has yet to hear
     * (the queue starts with that much silence when it was not kept). False if the call has ended.
     */
    boolean add(CallAudio.Listener listener, long unplayedMs) {
        synchronized (lock) {
            if (ended) {
                return false;
            }
            if (ring == null) {
                ring = new byte[8 * 1024];
                head = 0;
                size = 0;
                int silence = (int) Math.min(MAX_QUEUED_BYTES / 2, Math.max(0, unplayedMs) * 8);
                ensure(silence);
                Arrays.fill(ring, 0, silence, MuLawMixer.SILENCE);
                size = silence;
            }
            CallAudio.Listener[] now = Arrays.copyOf(listeners, listeners.length + 1);
            now[now.length - 1] = listener;
            listeners = now;
            return true;
        }
    }

    /** Removes a listener (the queue is dropped with the last one). True if it was there. */
    boolean remove(CallAudio.Listener listener) {
        synchronized (lock) {
            CallAudio.Listener[] was = listeners;
            int at = Arrays.asList(was).indexOf(listener);
            if (at < 0) {
                return false;
            }
            CallAudio.Listener[] now = new CallAudio.Listener[was.length - 1];
            System.arraycopy(was, 0, now, 0, at);
            System.arraycopy(was, at + 1, now, at, was.length - at - 1);
            listeners = now.length == 0 ? NONE : now;
            if (now.length == 0) {
                ring = null;
                size = 0;
            }
            return true;
        }
    }

    /** Audio sent to the caller (the relay loop): queued while someone listens. */
    @Override
    public void audio(Base64Audio audio) {
        if (listeners.length == 0) {
            return;
        }
        synchronized (lock) {
            if (ring == null) {
                return;
            }
            int n = audio.decodedLength();
            ensure(n);
            int tail = (head + size) % ring.length;
            int first = Math.min(n, ring.length - tail);
            // decode straight into the ring: up to its end, then from its start
            if (first == n) {
                audio.decodeInto(ring, tail);
            } else {
                byte[] whole = new byte[n];
                audio.decodeInto(whole, 0);
                System.arraycopy(whole, 0, ring, tail, first);
                System.arraycopy(whole, first, ring, 0, n - first);
            }
            size += n;
        }
    }

    /** The bridge told Twilio to drop what it had not played: so does the mix. */
    @Override
    public void cleared() {
        synchronized (lock) {
            head = 0;
            size = 0;
        }
    }

    /**
     * Caller audio from Twilio (the relay loop): each 20 ms of it (Twilio sends exactly that; the simulation
     * sends 200 ms at a time, and a remainder waits for the next frame) mixed with the next 20 ms queued,
     * to every listener.
     */
    void callerFrame(Base64Audio payload) {
        CallAudio.Listener[] now = listeners;
        if (now.length == 0) {
            return;
        }
        int n = payload.decodedLength();
        if (pending + n > callerIn.length) {
            callerIn = Arrays.copyOf(callerIn, pending + n);
        }
        pending += payload.decodeInto(callerIn, pending);
        int at = 0;
        for (; pending - at >= FRAME; at += FRAME) {
            System.arraycopy(callerIn, at, caller, 0, FRAME);
            int taken;
            synchronized (lock) {
                taken = take(assistant);
            }
            MuLawMixer.mix(caller, assistant, taken, mixed, FRAME);
            long micros = WallMicros.now();
            for (CallAudio.Listener l : now) {
                try {
                    l.frame(l.callerOnly() ? caller : mixed, micros);
                } catch (RuntimeException e) {
                    log.warn("A listener failed on a frame: {}", e.toString());
                }
            }
        }
        System.arraycopy(callerIn, at, callerIn, 0, pending - at);
        pending -= at;
        if (callerIn.length > 4 * FRAME && pending < FRAME) {
            callerIn = Arrays.copyOf(callerIn, 2 * FRAME); // a rare big frame does not pin its buffer
        }
    }

    /** The call ended: every listener is told, once, and let go. Any thread. */
    void ended(String reason) {
        CallAudio.Listener[] was;
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            was = listeners;
            listeners = NONE;
            ring = null;
            size = 0;
        }
        for (CallAudio.Listener l : was) {
            try {
                l.ended(reason);
            } catch (RuntimeException e) {
                log.warn("A listener failed at the call's end: {}", e.toString());
            }
        }
    }

    /** Room for {@code n} more bytes: the ring grows to {@link #MAX_QUEUED_BYTES}, then drops its oldest. */
    private void ensure(int n) {
        if (size + n <= ring.length) {
            return;
        }
        int want = Math.min(MAX_QUEUED_BYTES, Math.max(ring.length * 2, size + n));
        if (want > ring.length) {
            byte[] bigger = new byte[want];
            copyOut(bigger, size);
            ring = bigger;
            head = 0;
        }
        int over = size + n - ring.length;
        if (over > 0) { // past two minutes unplayed: the oldest goes
            int drop = Math.min(over, size);
            head = (head + drop) % ring.length;
            size -= drop;
        }
    }

    /** Takes up to a frame from the queue's head into {@code out}; returns how much. */
    private int take(byte[] out) {
        if (ring == null || size == 0) {
            return 0;
        }
        int n = Math.min(FRAME, size);
        copyOut(out, n);
        head = (head + n) % ring.length;
        size -= n;
        return n;
    }

    private void copyOut(byte[] out, int n) {
        int first = Math.min(n, ring.length - head);
        System.arraycopy(ring, head, out, 0, first);
        System.arraycopy(ring, 0, out, first, n - first);
    }
}
