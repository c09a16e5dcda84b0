package app.highway.call;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call's audio relay in numbers, for the log line when it ends. Updated lock-free from both readers. */
final class RelayStats {
    private static final Logger log = LoggerFactory.getLogger(RelayStats.class);
    final AtomicLong framesToModel = new AtomicLong();
    final AtomicLong framesDropped = new AtomicLong();
    /** Caller frames kept from the model while the call waited for the answering-machine verdict (or was a machine). */
    final AtomicLong framesHeld = new AtomicLong();
    final AtomicLong framesToCaller = new AtomicLong();
    final AtomicLong malformedFrames = new AtomicLong();
    /** The threads that relayed the first frame each way: the one event loop both sockets share. */
    private volatile String mediaThread;
    private volatile String modelThread;

    /** A caller frame is being relayed on this thread (the media socket's reader). */
    void mediaThread() {
        if (mediaThread == null) {
            mediaThread = Thread.currentThread().getName();
        }
    }

    /** A model audio chunk is being relayed on this thread (the model socket's reader). */
    void modelThread() {
        if (modelThread == null) {
            modelThread = Thread.currentThread().getName();
        }
    }

    /** Counts a malformed media message (skipped, the call goes on); logs the first five, then every thousandth. */
    void malformed(String callId, String reason) {
        long n = malformedFrames.incrementAndGet();
        if (n <= 5 || n % 1000 == 0) {
            log.warn("Call {}: ignored a malformed media message ({}); {} so far", callId, reason, n);
        }
    }

    @Override
    public String toString() {
        return "frames to model " + framesToModel.get() + ", to caller " + framesToCaller.get() + ", dropped "
                + framesDropped.get() + (framesHeld.get() > 0 ? ", held for the machine verdict " + framesHeld.get() : "")
                + ", malformed " + malformedFrames.get() + threads();
    }

    private String threads() {
        String media = mediaThread;
        String model = modelThread;
        if (media == null || model == null) {
            return "";
        }
        return media.equals(model) ? "; both sockets on " + media : "; media socket on " + media
                + ", model socket on " + model;
    }
}
