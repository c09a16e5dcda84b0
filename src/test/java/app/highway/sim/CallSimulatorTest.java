package app.highway.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CallSimulatorTest {

    @Test
    void placesBelievableCallsAndARefusalDoesNotStopTheRest() {
        List<String> placed = new ArrayList<>();
        CallSimulator simulator = new CallSimulator((to, code, note) -> {
            placed.add(to + " " + code + " " + note);
            if (placed.size() == 2) {
                throw new IllegalStateException("rate exceeded");
            }
        }, new Random(7));
        simulator.accept(5);
        assertEquals(5, placed.size());
        assertTrue(placed.stream().allMatch(p -> p.matches("\\+1555\\d{7} \\d{6} simulated")), placed.toString());
    }
}
