package app.highway.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces every sender of the load generator on two threads. Each millisecond one of them runs the
 * senders in that millisecond's slot of 20 (even slots on one thread, odd on the other), so every
 * call still sends a frame every 20 ms, the calls' frames are spread evenly over the period (as
 * real callers' are), and 200 calls cost 1,000 wake-ups a second instead of 20,000 scheduled tasks.
 * Two threads, not one: on a saturated machine one thread's fair share was not always enough to
 * keep real time. A tick late by less than a period is caught up at
 * once; when the machine falls further behind, the ticker skips ahead instead of bursting the
 * backlog (a real caller's phone does not send 3 s of audio at once), and counts the skipped ticks.
 * Each frame is timed when it is actually sent.
 */
final class Ticker implements AutoCloseable {
    static final int SLOTS = 20;
    private static final int THREADS = 2;
    private final List<List<Runnable>> slots = new ArrayList<>();
    private final AtomicLong skipped = new AtomicLong();
    private volatile boolean running = true;

    Ticker() {
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
        long start = System.nanoTime();
        for (int k = 0; k < THREADS; k++) {
            int first = k;
            Thread thread = new Thread(() -> loop(start, first), "load-ticker-" + k);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Runs {@code sender} every 20 ms, in the given slot (0–19) of the period. */
    void every20ms(int slot, Runnable sender) {
        slots.get(Math.floorMod(slot, SLOTS)).add(sender);
    }

    void remove(Runnable sender) {
        slots.forEach(s -> s.remove(sender));
    }

    /** Runs slots {@code first}, {@code first + THREADS}, … at their millisecond. */
    private void loop(long start, int first) {
        long tick = first;
        long next = start + first * 1_000_000L;
        while (running) {
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long behind = -wait;
            if (behind > 20_000_000L) {
                long ticks = behind / 1_000_000 / THREADS * THREADS;
                skipped.addAndGet(ticks);
                tick += ticks;
                next += ticks * 1_000_000;
            }
            for (Runnable sender : slots.get((int) (tick % SLOTS))) {
                try {
                    sender.run();
                } catch (RuntimeException e) {
                    remove(sender); // a sender whose call has ended stops itself by throwing
                }
            }
            tick += THREADS;
            next += THREADS * 1_000_000L;
        }
    }

    /** Ticks skipped so far because the generator fell more than a period behind. */
    long skippedTicks() {
        return skipped.get();
    }

    @Override
    public void close() {
        running = false;
    }
}
