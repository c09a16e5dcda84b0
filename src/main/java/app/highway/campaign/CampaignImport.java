package app.highway.campaign;

import app.highway.call.NumberPolicy;
import app.highway.call.PhoneNumbers;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a list (CSV with a header line, or rows already parsed from JSON) and checks every row as a call would
 * be checked: the number (E.164, or national with {@code HIGHWAY_DEFAULT_COUNTRY}; the country allowlist and
 * number types of {@link NumberPolicy}), the code (3 to 10 digits), duplicates (the first one is kept).
 */
public final class CampaignImport {
    public static final int MAX_ROWS = 10_000;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES).enable(CsvParser.Feature.ALLOW_TRAILING_COMMA).build();

    /** A list as read: its column names in order and its records (column name to text), record i on line i + 2. */
    public record RawList(List<String> columns, List<Map<String, String>> records) {
        public RawList {
            columns = List.copyOf(columns);
            records = List.copyOf(records);
        }
    }

    /** The good rows and the bad ones, with the variables the other columns provide. */
    public record Checked(List<CampaignRow> rows, List<RowProblem> problems, List<String> variables, int total) { }

    private final NumberPolicy numbers;
    private final String defaultCountry;

    public CampaignImport(NumberPolicy numbers, String defaultCountry) {
        this.numbers = numbers;
        this.defaultCountry = defaultCountry;
    }

    /** Reads CSV text (UTF-8, a header line first). */
    public static RawList csv(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new CampaignInputException("invalid_csv", "The list is empty: the first line names the columns "
                    + "(to,verification,note,first_name,...)");
        }
        List<Map<String, String>> records = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (it.hasNextValue()) {
                records.add(it.nextValue());
                if (records.size() > MAX_ROWS) {
                    throw new CampaignInputException("too_many_rows", "A campaign takes at most " + MAX_ROWS
                            + " rows: split the list");
                }
            }
            if (it.getParserSchema() instanceof CsvSchema schema) {
                schema.forEach(c -> columns.add(c.getName()));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof CampaignInputException c) {
                throw c;
            }
            throw new CampaignInputException("invalid_csv", "The list is not CSV with a header line (line "
                    + (records.size() + 2) + "): " + firstLine(e.getMessage()));
        }
        if (columns.isEmpty()) {
            throw new CampaignInputException("invalid_csv", "The list is empty: the first line names the columns "
                    + "(to,verification,note,first_name,...)");
        }
        return new RawList(columns, records);
    }

    /** Checks every record with {@code mapping}; fails only when a mapped column is missing altogether. */
    public Checked check(RawList list, ColumnMapping mapping) {
        String toColumn = column(list, mapping.to(), "the number");
        String codeColumn = column(list, mapping.verification(), "the verification code");
        Optional<String> noteColumn = list.columns().stream()
                .filter(c -> ColumnMapping.key(c).equals(ColumnMapping.key(mapping.note()))).findFirst();
        List<String> variableColumns = list.columns().stream().filter(c -> !mapping.isMapped(c)).toList();
        List<CampaignRow> rows = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int line = 1;
        for (Map<String, String> record : list.records()) {
            line++;
            String rawTo = text(record.get(toColumn));
            String code = text(record.get(codeColumn));
            Optional<PhoneNumbers.Parsed> parsed = PhoneNumbers.parse(rawTo, defaultCountry);
            if (parsed.isEmpty()) {
                problems.add(new RowProblem(line, rawTo, "invalid_phone_number", rawTo.isEmpty() ? "No number"
                        : "Not a phone number in E.164 form (a + followed by the country code and number)"));
                continue;
            }
            String e164 = parsed.get().e164();
            Optional<NumberPolicy.Refusal> refusal = numbers.check(e164);
            if (refusal.isPresent()) {
                problems.add(new RowProblem(line, rawTo, refusal.get().error(), refusal.get().message()));
                continue;
            }
            if (!code.matches("[0-9]{3,10}")) {
                problems.add(new RowProblem(line, rawTo, "invalid_code", "The verification code must be 3 to 10 "
                        + "digits" + (code.isEmpty() ? " (it is empty)" : "")));
                continue;
            }
            Integer first = seen.putIfAbsent(e164, line);
            if (first != null) {
                problems.add(new RowProblem(line, rawTo, "duplicate_number", "The same number as line " + first
                        + ": it is called once"));
                continue;
            }
            Map<String, String> variables = new LinkedHashMap<>();
            for (String c : variableColumns) {
                variables.put(Templates.variableName(c), text(record.get(c)));
            }
            String note = noteColumn.map(c -> text(record.get(c))).filter(n -> !n.isEmpty()).orElse(null);
            rows.add(new CampaignRow(line, e164, code, note, variables));
        }
        return new Checked(rows, problems, variableColumns.stream().map(Templates::variableName).toList(),
                list.records().size());
    }

    private static String column(RawList list, String wanted, String what) {
        return list.columns().stream().filter(c -> ColumnMapping.key(c).equals(ColumnMapping.key(wanted)))
                .findFirst().orElseThrow(() -> new CampaignInputException("missing_column", "No column '" + wanted
                        + "' for " + what + ": the list has " + String.join(", ", list.columns())
                        + " (map another column to it)"));
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
