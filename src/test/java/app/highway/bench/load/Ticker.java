package app.highway.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces every sender of the load generator on one thread. Each millisecond it runs the senders in
 * that millisecond's slot of 20, so every call still sends a frame every 20 ms, the calls' frames
 * are spread evenly over the period (as real callers' are), and 200 calls cost 1,000 wake-ups a
 * second instead of 20,000 scheduled tasks. Late ticks catch up without sleeping, so the average
 * rate stays real time; each frame is timed when it is actually sent.
 */
final class Ticker implements AutoCloseable {
    static final int SLOTS = 20;
    private final List<List<Runnable>> slots = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Ticker() {
        for (int i = 0; i < SLOTS; i++) {
            slots.add(new CopyOnWriteArrayList<>());
        }
        thread = new Thread(this::loop, "load-ticker");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code sender} every 20 ms, in the given slot (0–19) of the period. */
    void every20ms(int slot, Runnable sender) {
        slots.get(Math.floorMod(slot, SLOTS)).add(sender);
    }

    void remove(Runnable sender) {
        slots.forEach(s -> s.remove(sender));
    }

    private void loop() {
        long next = System.nanoTime();
        long tick = 0;
        while (running) {
            next += 1_000_000;
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            for (Runnable sender : slots.get((int) (tick++ % SLOTS))) {
                try {
                    sender.run();
                } catch (RuntimeException e) {
                    remove(sender); // a sender whose call has ended stops itself by throwing
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
    }
}
