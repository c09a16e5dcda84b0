package app.highway.api;

import app.highway.campaign.CallingHours;
import app.highway.campaign.CampaignImport;
import app.highway.campaign.CampaignInputException;
import app.highway.campaign.CampaignPlan;
import app.highway.campaign.ColumnMapping;
import app.highway.campaign.Outcome;
import app.highway.campaign.RetryPolicy;
import app.highway.config.VoicemailPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code POST /campaigns}, read: the list (a CSV body, or JSON with {@code rows} or {@code csv}), the column
 * mapping, and the plan (pace, concurrency, calling hours, retries, voicemail policy). In a CSV upload the settings are query
 * parameters; in JSON they are fields (query parameters fill in what the JSON leaves out).
 */
record CampaignRequest(CampaignImport.RawList list, ColumnMapping mapping, CampaignPlan plan, boolean dryRun) {

    static CampaignRequest csv(byte[] body, Function<String, String> query, double bridgeCps) {
        return new CampaignRequest(CampaignImport.csv(body), mapping(query, null), plan(query, null, bridgeCps),
                "true".equals(query.apply("dryRun")));
    }

    static CampaignRequest json(byte[] body, Function<String, String> query, ObjectMapper json, double bridgeCps) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (Exception e) {
            throw new BadRequest("malformed_json", "The body is not valid JSON: expected {\"name\": \"...\", "
                    + "\"rows\": [{\"to\": \"+12025550123\", \"verification\": \"4821\", \"first_name\": \"Ada\"}]}");
        }
        if (root == null || !root.isObject()) {
            throw new BadRequest("invalid_request", "The body must be a JSON object with rows (or csv)");
        }
        CampaignImport.RawList list;
        if (root.path("csv").isTextual()) {
            list = CampaignImport.csv(root.path("csv").asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (root.path("rows").isArray()) {
            list = rows(root.path("rows"));
        } else {
            throw new BadRequest("invalid_request", "Give the list as rows (an array of objects) or csv (text)");
        }
        boolean dry = root.path("dryRun").asBoolean(false) || "true".equals(query.apply("dryRun"));
        return new CampaignRequest(list, mapping(query, root.path("mapping")), plan(query, root, bridgeCps), dry);
    }

    private static CampaignImport.RawList rows(JsonNode rows) {
        if (rows.size() > CampaignImport.MAX_ROWS) {
            throw new CampaignInputException("too_many_rows", "A campaign takes at most " + CampaignImport.MAX_ROWS
                    + " rows: split the list");
        }
        Set<String> columns = new LinkedHashSet<>();
        List<Map<String, String>> records = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw new BadRequest("invalid_request", "Each row must be an object of column to value");
            }
            Map<String, String> record = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = row.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                columns.add(f.getKey());
                record.put(f.getKey(), f.getValue().isNull() ? "" : f.getValue().asText());
            }
            records.add(record);
        }
        return new CampaignImport.RawList(new ArrayList<>(columns), records);
    }

    private static ColumnMapping mapping(Function<String, String> query, JsonNode json) {
        return new ColumnMapping(field(query, json, "to"), field(query, json, "verification"),
                field(query, json, "note"));
    }

    private static CampaignPlan plan(Function<String, String> query, JsonNode json, double bridgeCps) {
        JsonNode hours = json == null ? null : json.path("hours");
        JsonNode retry = json == null ? null : json.path("retry");
        try {
            String start = first(field(query, hours, "hoursStart", "start"), "00:00");
            String end = first(field(query, hours, "hoursEnd", "end"), "24:00");
            String zone = first(field(query, hours, "timeZone", "timeZone"), "UTC");
            Set<DayOfWeek> days = days(json == null ? null : hours.path("days"), query.apply("days"));
            CallingHours calling = new CallingHours(LocalTime.parse(start),
                    "24:00".equals(end) ? LocalTime.MAX : LocalTime.parse(end), days, ZoneId.of(zone));
            int maxAttempts = Integer.parseInt(first(field(query, retry, "maxAttempts", "maxAttempts"),
                    String.valueOf(RetryPolicy.DEFAULT.maxAttempts())));
            long delay = Long.parseLong(first(field(query, retry, "retryDelaySeconds", "delaySeconds"),
                    String.valueOf(RetryPolicy.DEFAULT.delay().toSeconds())));
            Set<Outcome> retryOn = outcomes(retry == null ? null : retry.path("on"), query.apply("retryOn"));
            double cps = Double.parseDouble(first(field(query, json, "callsPerSecond"), String.valueOf(bridgeCps)));
            int concurrent = Integer.parseInt(first(field(query, json, "maxConcurrent"),
                    String.valueOf(CampaignPlan.DEFAULT_MAX_CONCURRENT)));
            String voicemail = field(query, json, "voicemail");
            VoicemailPolicy policy = voicemail == null || voicemail.isBlank() ? null
                    : VoicemailPolicy.fromWire(voicemail).orElseThrow(() -> new IllegalArgumentException(
                            "Unknown voicemail policy '" + voicemail + "': use " + VoicemailPolicy.choices()
                                    + " (or leave it out for the bridge's default)"));
            return new CampaignPlan(field(query, json, "name"), cps, concurrent, calling,
                    new RetryPolicy(maxAttempts, Duration.ofSeconds(delay), retryOn), policy);
        } catch (DateTimeParseException e) {
            throw new BadRequest("invalid_request", "Calling hours are times like 09:00 and 20:30 (end 24:00 for "
                    + "midnight): " + e.getParsedString());
        } catch (DateTimeException e) {
            throw new BadRequest("invalid_request", "Unknown time zone: " + e.getMessage()
                    + " (use a name like Europe/Paris or America/New_York)");
        } catch (IllegalArgumentException e) {
            throw new BadRequest("invalid_request", e instanceof NumberFormatException
                    ? "A number was expected: " + e.getMessage() : e.getMessage());
        }
    }

    private static Set<DayOfWeek> days(JsonNode json, String query) {
        List<String> names = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(d -> names.add(d.asText()));
        } else if (query != null && !query.isBlank()) {
            names.add(query);
        }
        return CallingHours.parseDays(names);
    }

    private static Set<Outcome> outcomes(JsonNode json, String query) {
        List<String> names = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(d -> names.add(d.asText()));
        } else if (query != null) {
            for (String n : query.split(",")) {
                if (!n.isBlank()) {
                    names.add(n);
                }
            }
        } else {
            return RetryPolicy.DEFAULT.retryOn();
        }
        Set<Outcome> out = EnumSet.noneOf(Outcome.class);
        for (String n : names) {
            out.add(Outcome.fromWire(n).orElseThrow(() -> new IllegalArgumentException("Unknown outcome '" + n
                    + "' to retry on: use busy, no_answer, failed, voicemail, fax, not_me, interrupted")));
        }
        return out;
    }

    private static String field(Function<String, String> query, JsonNode json, String name) {
        return field(query, json, name, name);
    }

    /** The JSON field if given, else the query parameter. */
    private static String field(Function<String, String> query, JsonNode json, String queryName, String jsonName) {
        if (json != null && json.hasNonNull(jsonName) && !json.get(jsonName).isContainerNode()) {
            return json.get(jsonName).asText();
        }
        return query.apply(queryName);
    }

    private static String first(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}
