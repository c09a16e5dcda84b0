package app.highway.ui.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.call.CallRateExceeded;
import app.highway.call.CallState;
import app.highway.call.NumberPolicy;
import app.highway.twilio.TwilioApiException;
import app.highway.ui.Snapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The new-call form: what the agent is told while typing, and what placing a call comes to. */
@Tag("unit")
class NewCallViewModelTest {
    private final List<String> placed = new ArrayList<>();
    private NewCallViewModel.Placer placer = (to, code, note) -> {
        placed.add(to + " " + code + " " + note);
        return Snapshots.of("hw-1", to, CallState.QUEUED, null);
    };
    private final NewCallViewModel model = new NewCallViewModel((to, code, note) -> placer.place(to, code, note),
            work -> CompletableFuture.completedFuture(work.get()));

    @Test
    void theNumberAndCodeAreCheckedWhileTyping() {
        assertEquals("Enter the number in E.164 form, e.g. +12025550123", model.phoneMessage().get());
        model.phoneProperty().set("555-1234");
        assertTrue(model.phoneMessage().get().startsWith("Not an E.164 number"));
        model.phoneProperty().set("+442079460958");
        assertEquals("✓ United Kingdom", model.phoneMessage().get());
        model.codeProperty().set("12");
        assertEquals("The code must be 3 to 10 digits", model.codeMessage().get());
        assertFalse(model.validProperty().get());
        model.codeProperty().set("1234");
        assertEquals("✓ 4 digits", model.codeMessage().get());
        assertTrue(model.validProperty().get());
        assertEquals("Call +4420••••0958 (United Kingdom) and read them a 4-digit verification code?",
                model.confirmation());
    }

    @Test
    void placingACallSendsTheNumberCodeAndTrimmedNote() {
        model.phoneProperty().set("+12025550123");
        model.codeProperty().set("123");
        model.noteProperty().set("  ticket 42 ");
        NewCallViewModel.Outcome outcome = model.submit().join();
        assertTrue(outcome.placed());
        assertEquals("hw-1", outcome.call().id());
        assertEquals(List.of("+12025550123 123 ticket 42"), placed);
        model.clear();
        assertEquals("", model.phoneProperty().get());
    }

    @Test
    void anInvalidFormPlacesNothing() {
        model.phoneProperty().set("+1555");
        model.codeProperty().set("123");
        assertEquals("Fix the number and code first.", model.submit().join().error());
        assertTrue(placed.isEmpty());
    }

    @Test
    void refusalsAreTurnedIntoWordsAnAgentUnderstands() {
        model.phoneProperty().set("+12025550123");
        model.codeProperty().set("123");
        placer = (to, code, note) -> {
            throw new TwilioApiException(21219, 400, "The number is unverified.", null);
        };
        String twilio = model.submit().join().error();
        assertTrue(twilio.contains("21219") && twilio.contains("trial account"), twilio);
        placer = (to, code, note) -> {
            throw new CallRateExceeded(3);
        };
        assertTrue(model.submit().join().error().startsWith("Too many calls at once"));
        placer = (to, code, note) -> {
            throw new IllegalStateException("socket closed");
        };
        assertEquals("The call could not be placed: socket closed", model.submit().join().error());
    }

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

    @Test
    void pastedNumbersAreCleanedUpTheCodeIsTrimmedAndAShortNumberSaysSo() {
        model.phoneProperty().set("+1 (202) 555-0123");
        assertEquals("✓ United States · +12025550123", model.phoneMessage().get());
        model.codeProperty().set(" 4821 ");
        assertEquals("✓ 4 digits", model.codeMessage().get());
        assertTrue(model.validProperty().get());
        model.submit().join();
        assertEquals(List.of("+12025550123 4821 null"), placed);

        model.phoneProperty().set("+1555");
        assertTrue(model.phoneMessage().get().contains("too short"), model.phoneMessage().get());
    }

    @Test
    void aNationalNumberIsReadInTheDefaultCountry() {
        NewCallViewModel form = new NewCallViewModel((to, code, note) -> placer.place(to, code, note),
                work -> CompletableFuture.completedFuture(work.get()), NumberPolicy.defaults(), "US");
        form.phoneProperty().set("2025550123");
        assertEquals("✓ United States · +12025550123", form.phoneMessage().get());
        form.codeProperty().set("123");
        form.submit().join();
        assertEquals(List.of("+12025550123 123 null"), placed);
    }

    @Test
    void theCallPlacedLineGoesWhenTheFormIsEditedForTheNextCall() {
        model.phoneProperty().set("+12025550123");
        model.codeProperty().set("123");
        model.placed(model.submit().join().call());
        assertEquals("Call placed: CAhw-1", model.placedMessage().get());
        assertEquals("", model.phoneProperty().get(), "the form is cleared for the next call");
        model.phoneProperty().set("+1");
        assertEquals("", model.placedMessage().get());
    }
}
