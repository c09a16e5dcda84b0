package app.highway.ui.launch;

import app.highway.call.CallSnapshot;
import app.highway.call.CallRateExceeded;
import app.highway.call.NumberPolicy;
import app.highway.call.PhoneMask;
import app.highway.call.PhoneNumbers;
import app.highway.twilio.TwilioApiException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "launch a verification call" form: the number is checked as E.164 while typing (with its
 * country), the code as 3 to 10 digits; submitting places the call off the FX thread and turns a
 * refusal into words an agent understands (with Twilio's code).
 */
public final class NewCallViewModel {
    /** What placing a call came to: the call, or a message for the agent. */
    public record Outcome(CallSnapshot call, String error) {
        public boolean placed() {
            return call != null;
        }
    }

    /** How the form reaches the bridge: place one call (may wait for its turn, may be refused). */
    @FunctionalInterface
    public interface Placer {
        CallSnapshot place(String to, String code, String note) throws Exception;
    }

    private final StringProperty phone = new SimpleStringProperty("");
    private final StringProperty code = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final StringBinding phoneMessage;
    private final StringBinding codeMessage;
    private final BooleanBinding valid;
    private final Placer placer;
    private final NumberPolicy numbers;
    private final String defaultRegion;
    private final StringProperty placedMessage = new SimpleStringProperty("");
    private final java.util.function.Function<java.util.function.Supplier<Outcome>, CompletableFuture<Outcome>> async;

    public NewCallViewModel(Placer placer,
            java.util.function.Function<java.util.function.Supplier<Outcome>, CompletableFuture<Outcome>> async) {
        this(placer, async, NumberPolicy.defaults());
    }

    /** {@code numbers} is the bridge's policy (countries, number types): the form refuses what the bridge would. */
    public NewCallViewModel(Placer placer,
            java.util.function.Function<java.util.function.Supplier<Outcome>, CompletableFuture<Outcome>> async,
            NumberPolicy numbers) {
        this(placer, async, numbers, "");
    }

    /**
     * {@code defaultRegion} (HIGHWAY_DEFAULT_COUNTRY, two letters, "" for none) reads numbers typed
     * without their country code.
     */
    public NewCallViewModel(Placer placer,
            java.util.function.Function<java.util.function.Supplier<Outcome>, CompletableFuture<Outcome>> async,
            NumberPolicy numbers, String defaultRegion) {
        this.placer = placer;
        this.async = async;
        this.numbers = numbers;
        this.defaultRegion = defaultRegion == null ? "" : defaultRegion;
        // the line about the last call placed goes as soon as the form is edited for the next one
        phone.addListener((o, a, b) -> placedMessage.set(""));
        code.addListener((o, a, b) -> placedMessage.set(""));
        note.addListener((o, a, b) -> placedMessage.set(""));
        phoneMessage = Bindings.createStringBinding(() -> phoneText(phone.get()), phone);
        codeMessage = Bindings.createStringBinding(() -> codeText(code.get()), code);
        valid = Bindings.createBooleanBinding(() -> parsed().isPresent() && codeOk(code.get()), phone, code);
    }

    /** The number, if it is E.164 and the bridge's policy allows calling it. */
    private Optional<PhoneNumbers.Parsed> parsed() {
        return PhoneNumbers.parse(phone.get(), defaultRegion).filter(p -> numbers.check(p.e164()).isEmpty());
    }

    private String phoneText(String text) {
        if (text == null || text.isBlank()) {
            return "Enter the number in E.164 form, e.g. +12025550123";
        }
        return PhoneNumbers.parse(text, defaultRegion)
                .map(p -> numbers.refusal(p.e164())
                        .orElse("✓ " + (p.countryName() == null ? "country unknown" : p.countryName())
                                + (p.e164().equals(text) ? "" : " · " + p.e164())))
                .orElseGet(() -> PhoneNumbers.tooShort(text, defaultRegion)
                        ? "Not a full number: too short for its country"
                        : "Not an E.164 number: a + then the country code and number, digits only"
                                + (defaultRegion.isEmpty() ? "" : " (or a national number of " + defaultRegion + ")"));
    }

    private static String code(String text) {
        return text == null ? "" : text.strip();
    }

    private static boolean codeOk(String text) {
        return code(text).matches("[0-9]{3,10}");
    }

    private static String codeText(String text) {
        if (code(text).isEmpty()) {
            return "3 to 10 digits";
        }
        return codeOk(text) ? "✓ " + code(text).length() + " digits" : "The code must be 3 to 10 digits";
    }

    /** The confirmation the agent reads before the phone rings. */
    public String confirmation() {
        PhoneNumbers.Parsed p = parsed().orElseThrow();
        return "Call " + PhoneMask.mask(p.e164()) + (p.countryName() == null ? "" : " (" + p.countryName() + ")")
                + " and read them a " + code(code.get()).length() + "-digit verification code?";
    }

    public CompletableFuture<Outcome> submit() {
        if (!valid.get()) {
            return CompletableFuture.completedFuture(new Outcome(null, "Fix the number and code first."));
        }
        String to = parsed().orElseThrow().e164();
        String c = code(code.get());
        String n = note.get() == null || note.get().isBlank() ? null : note.get().trim();
        return async.apply(() -> {
            try {
                return new Outcome(placer.place(to, c, n), null);
            } catch (TwilioApiException e) {
                return new Outcome(null, e.humanMessage());
            } catch (CallRateExceeded | app.highway.call.NumberNotAllowed e) {
                return new Outcome(null, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(null, "Cancelled.");
            } catch (Exception e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                return new Outcome(null, "The call could not be placed: " + cause.getMessage());
            }
        });
    }

    public void clear() {
        phone.set("");
        code.set("");
        note.set("");
    }

    /**
     * Clears the form for the next call and says which call was placed; the line goes once the form
     * is edited again.
     */
    public void placed(CallSnapshot call) {
        clear();
        placedMessage.set("Call placed: " + (call.callSid() == null ? call.id() : call.callSid()));
    }

    /** "Call placed: CA…" after a call was placed, "" once the form is edited. */
    public StringProperty placedMessage() {
        return placedMessage;
    }

    public StringProperty phoneProperty() {
        return phone;
    }

    public StringProperty codeProperty() {
        return code;
    }

    public StringProperty noteProperty() {
        return note;
    }

    public StringBinding phoneMessage() {
        return phoneMessage;
    }

    public StringBinding codeMessage() {
        return codeMessage;
    }

    public BooleanBinding validProperty() {
        return valid;
    }
}
