package app.highway.call;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One call's audio relay in numbers, for the log line when it ends. Updated lock-free from both readers. */
final class RelayStats {
    private static final Logger log = LoggerFactory.getLogger(RelayStats.class);
    final AtomicLong framesToModel = new AtomicLong();
    final AtomicLong framesDropped = new AtomicLong();
    final AtomicLong framesToCaller = new AtomicLong();
    final AtomicLong malformedFrames = new AtomicLong();

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
                + framesDropped.get() + ", malformed " + malformedFrames.get();
    }
}
