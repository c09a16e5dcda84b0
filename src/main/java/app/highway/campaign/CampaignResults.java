package app.highway.campaign;

import app.highway.call.PhoneMask;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a campaign came to, row by row with every attempt: for a spreadsheet ({@link #csv()}, one line per row)
 * or JSON. Verification codes are never part of it; numbers are masked unless an admin asked otherwise.
 */
public record CampaignResults(CampaignRecord campaign, List<Row> rows) {

    /** One row: its standing, its note and variables, and its attempts in order. */
    public record Row(int line, String to, String note, Map<String, String> variables, String state,
            String outcome, String reflection, int attempts, String detail, List<AttemptView> tries) { }

    /** One attempt: its call (id and CallSid), when, and how it ended. */
    public record AttemptView(int number, String callId, String callSid, String state, Instant startedAt,
            Instant endedAt, String outcome, String endReason, String reflection) { }

    static CampaignResults of(CampaignRecord campaign, List<StoredRow> rows, List<Attempt> attempts, boolean mask) {
        Map<Integer, List<Attempt>> byLine = attempts.stream().collect(Collectors.groupingBy(Attempt::line));
        List<Row> out = new ArrayList<>(rows.size());
        for (StoredRow r : rows) {
            RowProgress p = r.progress();
            List<AttemptView> tries = byLine.getOrDefault(r.row().line(), List.of()).stream()
                    .map(a -> new AttemptView(a.number(), a.callId(), a.callSid(), a.state().wire(), a.startedAt(),
                            a.endedAt(), a.outcome() == null ? null : a.outcome().wire(), a.endReason(),
                            a.reflection()))
                    .toList();
            String to = mask ? PhoneMask.mask(r.row().to()) : r.row().to();
            out.add(new Row(r.row().line(), to, r.row().note(), r.row().variables(), p.state().wire(),
                    p.outcome() == null ? null : p.outcome().wire(), p.reflection(), p.attempts(), p.detail(), tries));
        }
        return new CampaignResults(campaign, out);
    }

    /** One line per row: line, to, state, outcome, reflection, attempts, last call, detail, note. */
    public String csv() {
        CsvMapper csv = new CsvMapper();
        CsvSchema schema = CsvSchema.builder().addColumn("line").addColumn("to").addColumn("state")
                .addColumn("outcome").addColumn("reflection").addColumn("attempts").addColumn("lastCallId")
                .addColumn("lastCallSid").addColumn("lastEndReason").addColumn("detail").addColumn("note")
                .build().withHeader();
        List<List<Object>> lines = new ArrayList<>();
        for (Row r : rows) {
            AttemptView last = r.tries().isEmpty() ? null : r.tries().get(r.tries().size() - 1);
            List<Object> line = new ArrayList<>();
            line.add(r.line());
            line.add(r.to());
            line.add(r.state());
            line.add(r.outcome());
            line.add(r.reflection());
            line.add(r.attempts());
            line.add(last == null ? null : last.callId());
            line.add(last == null ? null : last.callSid());
            line.add(last == null ? null : last.endReason());
            line.add(r.detail());
            line.add(r.note());
            lines.add(line);
        }
        try {
            return csv.writer(schema).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
