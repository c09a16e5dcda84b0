package app.highway.sim;

import java.util.Random;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Simulate N calls": believable calls to random 555 numbers with random six-digit codes, placed
 * one after the other through the bridge's own call service (so they are paced like any other).
 * Blocks while placing: the console calls it off the FX thread.
 */
public final class CallSimulator implements IntConsumer {
    private static final Logger log = LoggerFactory.getLogger(CallSimulator.class);

    /** How a simulated call is placed (the call service's placeCall). */
    @FunctionalInterface
    public interface Placer {
        void place(String to, String code, String note) throws Exception;
    }

    public static final String NOTE = "simulated";
    private final Placer placer;
    private final Random random;

    public CallSimulator(Placer placer, Random random) {
        this.placer = placer;
        this.random = random;
    }

    @Override
    public void accept(int calls) {
        for (int i = 0; i < calls; i++) {
            String to = String.format("+1555%07d", random.nextInt(10_000_000));
            String code = String.format("%06d", random.nextInt(1_000_000));
            try {
                placer.place(to, code, NOTE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Simulated call not placed: {}", e.getMessage());
            }
        }
    }
}
