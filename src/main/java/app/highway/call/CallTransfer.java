package app.highway.call;

import app.highway.twilio.TransferTwiml;
import app.highway.twilio.TwilioApiException;
import app.highway.twilio.TwilioGateway;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a live call to a person: Twilio is asked to run a {@code <Dial>} on it instead of the media
 * stream, then the call ends here as {@code transferred} (without hanging up at Twilio: the caller stays
 * on the line with the person) and everything it held is released, model socket included. A warm transfer
 * first plays the person a short summary (no verification code in it), which Twilio fetches from
 * {@link #WHISPER_PATH}{@code {id}} when they answer.
 */
final class CallTransfer {
    /** Where Twilio fetches a warm transfer's summary (signature-checked like every Twilio callback). */
    static final String WHISPER_PATH = "/twilio/transfer-whisper/";
    private static final int MAX_SUMMARIES = 1000;
    private static final int MAX_LINE_CHARS = 200;

    private final TwilioGateway twilio;
    private final CallEnding ending;
    private final String publicBaseUrl;
    /** Warm transfers' summaries by call id, kept while Twilio may still ask (the oldest dropped past the bound). */
    private final Map<String, String> summaries = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_SUMMARIES;
        }
    };

    CallTransfer(TwilioGateway twilio, CallEnding ending, String publicBaseUrl) {
        this.twilio = twilio;
        this.ending = ending;
        this.publicBaseUrl = publicBaseUrl;
    }

    /**
     * Transfers the call to {@code e164} (checked by the caller against the number policy). Blocks on
     * Twilio. On a refusal by Twilio the call goes on with the assistant, and the refusal is rethrown.
     */
    void transfer(Supervision supervision, String by, String e164, boolean warm) throws TwilioApiException {
        Call call = supervision.call();
        String sid = call.callSid().orElseThrow(() -> new IllegalStateException("Call " + call.id()
                + " has no CallSid yet"));
        if (!supervision.startTransfer()) {
            throw new IllegalStateException("Call " + call.id() + " is already being transferred");
        }
        String twiml;
        if (warm) {
            synchronized (summaries) {
                summaries.put(call.id(), summary(call));
            }
            twiml = TransferTwiml.warm(e164, publicBaseUrl + WHISPER_PATH + call.id());
        } else {
            twiml = TransferTwiml.cold(e164);
        }
        try {
            twilio.redirect(sid, twiml);
        } catch (TwilioApiException | RuntimeException e) {
            supervision.transferFailed();
            synchronized (summaries) {
                summaries.remove(call.id());
            }
            String why = e instanceof TwilioApiException t ? t.humanMessage() : String.valueOf(e.getMessage());
            call.problem("Twilio did not take the transfer to " + PhoneMask.mask(e164) + ": " + why
                    + "; the call goes on with the assistant");
            throw e;
        }
        call.supervisorAction("transfer", by, (warm ? "warm" : "cold") + " to " + PhoneMask.mask(e164));
        ending.handOff(call, EndReason.TRANSFERRED);
    }

    /** The summary a warm transfer plays to the person, if the call was warm-transferred. */
    Optional<String> summaryFor(String callId) {
        synchronized (summaries) {
            return Optional.ofNullable(summaries.get(callId));
        }
    }

    /** Who placed the call, how it went, the caller's last words: read from the record, so the code is hidden. */
    static String summary(Call call) {
        CallSnapshot s = call.redactedSnapshot();
        StringBuilder b = new StringBuilder("Transferred call from the Highway assistant, placed by ")
                .append(s.placedBy()).append('.');
        if (s.reflection() != null) {
            b.append(" Outcome so far: ").append(s.reflection().replace('_', ' ')).append('.');
        }
        List<TranscriptLine> lines = s.transcript();
        for (int i = lines.size() - 1; i >= 0; i--) {
            TranscriptLine line = lines.get(i);
            if (line.speaker() == Speaker.CALLER) {
                String said = line.text().replace(CodeRedactor.MASK, "the code");
                b.append(" The caller last said: ").append(said.length() > MAX_LINE_CHARS
                        ? said.substring(0, MAX_LINE_CHARS) + "…" : said);
                break;
            }
        }
        return b.append(" Connecting you now.").toString();
    }
}
