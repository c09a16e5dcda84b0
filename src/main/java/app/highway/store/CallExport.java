package app.highway.store;

import app.highway.call.CallSnapshot;
import app.highway.call.PhoneMask;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Call records as CSV or JSON for a spreadsheet or an audit; phone numbers optionally masked.
 * Costs are written with {@value #MONEY_DECIMALS} decimals ({@code 0.02184000}, not
 * {@code 0.021840000000000002}): prices are per million tokens to the cent, so one token costs a
 * whole number of 10^-8 dollars and the rounding only removes floating-point noise.
 */
public final class CallExport {
    public static final int MONEY_DECIMALS = 8;

    /**
     * One CSV row: a call, its outcome, usage and cost, its transcript in one cell, and who placed it (a user
     * name, {@code owner} for the bridge's own token; last, so that the earlier columns keep their places). The
     * tokens are the voice model's; {@code costUsd} is the whole call's, {@code voiceCostUsd} plus
     * {@code transcriptionCostUsd} (the caller's transcription, billed by tokens or by seconds of audio, depending on its model).
     */
    @JsonPropertyOrder({"id", "callSid", "to", "state", "reflection", "endReason", "createdAt", "answeredAt",
            "endedAt", "durationSeconds", "model", "voice", "promptVersion", "inputTokens", "outputTokens",
            "totalTokens", "costUsd", "voiceCostUsd", "transcriptionModel", "transcriptionTokens",
            "transcriptionSeconds", "transcriptionCostUsd", "simulated", "note", "transcript", "placedBy"})
    public record Row(String id, String callSid, String to, String state, String reflection, String endReason,
            String createdAt, String answeredAt, String endedAt, Long durationSeconds, String model, String voice,
            int promptVersion, long inputTokens, long outputTokens, long totalTokens, String costUsd,
            String voiceCostUsd, String transcriptionModel, long transcriptionTokens, double transcriptionSeconds,
            String transcriptionCostUsd, boolean simulated, String note, String transcript, String placedBy) { }

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Row.class).withHeader();

    private CallExport() {
    }

    public static Row row(CallSnapshot c, boolean maskNumbers) {
        String transcript = c.transcript().stream().map(l -> l.speaker().wire() + ": " + l.text())
                .collect(Collectors.joining("\n"));
        return new Row(c.id(), c.callSid(), maskNumbers ? PhoneMask.mask(c.to()) : c.to(), c.state().wire(),
                c.reflection(), c.endReason(), String.valueOf(c.createdAt()), str(c.answeredAt()), str(c.endedAt()),
                c.durationSeconds(), c.model(), c.voice(), c.promptVersion(), c.usage().inputTokens(),
                c.usage().outputTokens(), c.usage().totalTokens(), money(c.costUsd()).toPlainString(),
                money(c.voiceCostUsd()).toPlainString(), c.settings() == null ? null : c.settings().transcriptionModel(),
                c.transcriptionUsage().totalTokens(), c.transcriptionUsage().seconds(),
                money(c.transcriptionCostUsd()).toPlainString(), c.simulated(), c.note(), transcript, c.placedBy());
    }

    /** Dollars rounded to {@value #MONEY_DECIMALS} decimals (half up); 0 for a cost that is not a number. */
    public static BigDecimal money(double usd) {
        return (Double.isFinite(usd) ? BigDecimal.valueOf(usd) : BigDecimal.ZERO)
                .setScale(MONEY_DECIMALS, RoundingMode.HALF_UP);
    }

    /** A copy of {@code json} that writes a call's costs ({@code costUsd}, its split) as {@link #money}: plain numbers. */
    public static ObjectMapper roundingMoney(ObjectMapper json) {
        return json.copy().addMixIn(CallSnapshot.class, MoneyMixin.class);
    }

    abstract static class MoneyMixin {
        @JsonSerialize(using = MoneySerializer.class)
        abstract double costUsd();

        @JsonSerialize(using = MoneySerializer.class)
        abstract double voiceCostUsd();

        @JsonSerialize(using = MoneySerializer.class)
        abstract double transcriptionCostUsd();
    }

    static final class MoneySerializer extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeNumber(money(value).toPlainString());
        }
    }

    public static String csv(List<CallSnapshot> calls, boolean maskNumbers) {
        try {
            return CSV.writer(SCHEMA).writeValueAsString(calls.stream().map(c -> row(c, maskNumbers)).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("CSV export failed", e);
        }
    }

    /** Full records (transcript, timeline, settings) as a JSON array. */
    public static String json(ObjectMapper json, List<CallSnapshot> calls, boolean maskNumbers) {
        List<CallSnapshot> out = maskNumbers ? calls.stream().map(CallExport::masked).toList() : calls;
        try {
            return roundingMoney(json).writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON export failed", e);
        }
    }

    private static CallSnapshot masked(CallSnapshot c) {
        return new CallSnapshot(c.id(), c.callSid(), PhoneMask.mask(c.to()), c.note(), c.placedBy(), c.state(),
                c.reflection(), c.endReason(), c.usage(), c.costUsd(), c.voiceCostUsd(), c.transcriptionUsage(),
                c.transcriptionCostUsd(), c.createdAt(), c.answeredAt(), c.endedAt(), c.durationSeconds(),
                c.speaking(), c.model(), c.voice(), c.promptVersion(), c.simulated(), c.transcript(), c.timeline(),
                c.settings()).withSupervision(c.muted(), c.takenOverBy(), c.listeners());
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
