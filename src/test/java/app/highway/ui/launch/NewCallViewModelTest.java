package app.highway.ui.launch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.NumberPolicy;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The form's live check refuses what the bridge refuses, with the same words. */
@Tag("unit")
class NewCallViewModelTest {
    @Test
    void aPremiumRateNumberIsRefusedWhileTyping() {
        NewCallViewModel form = new NewCallViewModel((to, code, note) -> {
            throw new AssertionError("must not be placed");
        }, s -> CompletableFuture.completedFuture(s.get()), NumberPolicy.defaults());
        form.codeProperty().set("123");
        form.phoneProperty().set("+19005551234");
        assertTrue(form.phoneMessage().get().contains("premium-rate"), form.phoneMessage().get());
        assertFalse(form.validProperty().get());
        form.phoneProperty().set("+12025550123");
        assertTrue(form.phoneMessage().get().startsWith("✓"), form.phoneMessage().get());
        assertTrue(form.validProperty().get());
    }
}
