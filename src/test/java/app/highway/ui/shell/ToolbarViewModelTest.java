package app.highway.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ui.board.StateFilter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The toolbar and simulation banner, without a toolkit. */
@Tag("unit")
class ToolbarViewModelTest {
    private final List<String> hungUp = new ArrayList<>();
    private final List<Integer> simulated = new ArrayList<>();
    private final Queue<Runnable> background = new ArrayDeque<>();

    private ToolbarViewModel toolbar(Optional<IntConsumer> simulation) {
        return new ToolbarViewModel(id -> {
            hungUp.add(id);
            return true;
        }, simulation, background::add);
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    @Test
    void hangUpSelectedEndsTheSelectedCallOffTheCallersThread() {
        ToolbarViewModel toolbar = toolbar(Optional.empty());
        assertFalse(toolbar.hangUpSelected().join(), "nothing selected, nothing hung up");
        toolbar.selectedCallProperty().set("hw-7");
        var done = toolbar.hangUpSelected();
        assertEquals(List.of(), hungUp);
        runBackground();
        assertEquals(List.of("hw-7"), hungUp);
        assertTrue(done.join());
    }

    @Test
    void simulationIsOfferedOnlyBySimulatingBridgesAndPlacesFiveCallsInTheBackground() {
        ToolbarViewModel live = toolbar(Optional.empty());
        assertFalse(live.canSimulate());
        live.simulateCalls().join();
        assertTrue(background.isEmpty());

        ToolbarViewModel sim = toolbar(Optional.of(simulated::add));
        assertTrue(sim.canSimulate());
        sim.simulateCalls();
        assertEquals(List.of(), simulated);
        runBackground();
        assertEquals(List.of(5), simulated);
    }

    @Test
    void startsLightShowingEverything() {
        ToolbarViewModel toolbar = toolbar(Optional.empty());
        assertFalse(toolbar.darkProperty().get());
        assertEquals(StateFilter.ALL, toolbar.filterProperty().get());
        assertEquals("", toolbar.searchProperty().get());
    }

    @Test
    void hangUpSelectedIsOfferedOnlyWhileALiveCallIsSelected() {
        ToolbarViewModel toolbar = toolbar(Optional.empty());
        assertFalse(toolbar.canHangUpSelected().get(), "nothing selected");
        toolbar.selectedCallProperty().set("hw-7");
        assertFalse(toolbar.canHangUpSelected().get(), "an ended call is selected");
        toolbar.selectedLiveProperty().set(true);
        assertTrue(toolbar.canHangUpSelected().get());
        toolbar.selectedCallProperty().set(null);
        assertFalse(toolbar.canHangUpSelected().get());
    }
}
