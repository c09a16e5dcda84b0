package app.highway.remote;

import app.highway.ConsoleServices;
import app.highway.config.VoicemailPolicy;
import app.highway.campaign.CallingHours;
import app.highway.campaign.CampaignPlan;
import app.highway.campaign.CampaignProgress;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignState;
import app.highway.campaign.Campaigns;
import app.highway.campaign.Outcome;
import app.highway.campaign.Preview;
import app.highway.campaign.RetryPolicy;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Campaigns over a bridge's {@code /campaigns} API, as the person whose token the console holds: the bridge
 * decides and audits; a refusal comes back as a {@code Refusal} with its words (a list without the mapped column,
 * a state that does not allow the action). Changes come from the {@code /events} stream ({@code campaigns_changed}).
 */
final class RemoteCampaigns implements ConsoleServices.CampaignDesk {
    private final BridgeHttp http;
    private final boolean available;
    private final LiveCalls live;

    RemoteCampaigns(BridgeHttp http, boolean available, LiveCalls live) {
        this.http = http;
        this.available = available;
        this.live = live;
    }

    // ---- the API's JSON

    record HoursJson(boolean anyTime, String start, String end, List<String> days, String timeZone) {
        CallingHours hours() {
            return new CallingHours(LocalTime.parse(start), "24:00".equals(end) ? LocalTime.MAX : LocalTime.parse(end),
                    CallingHours.parseDays(days == null ? List.of() : days), ZoneId.of(timeZone));
        }

        static Map<String, Object> of(CallingHours h) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", h.start().toString());
            m.put("end", h.end().equals(LocalTime.MAX) ? "24:00" : h.end().toString());
            m.put("days", h.dayNames());
            m.put("timeZone", h.zone().getId());
            return m;
        }
    }

    record RetryJson(int maxAttempts, long delaySeconds, List<String> on) {
        RetryPolicy policy() {
            Set<Outcome> outcomes = EnumSet.noneOf(Outcome.class);
            on.forEach(o -> Outcome.fromWire(o).ifPresent(outcomes::add));
            return new RetryPolicy(maxAttempts, Duration.ofSeconds(delaySeconds), outcomes);
        }
    }

    record RecordJson(String id, String name, String owner, String state, int rows, int skipped,
            double callsPerSecond, int maxConcurrent, HoursJson hours, RetryJson retry, String voicemail,
            Instant createdAt, Instant startedAt, Instant endedAt) {
        CampaignRecord record() {
            return new CampaignRecord(id, owner, new CampaignPlan(name, callsPerSecond, maxConcurrent, hours.hours(),
                    retry.policy(), VoicemailPolicy.fromWire(voicemail).orElse(null)), CampaignState.fromWire(state),
                    createdAt, startedAt, endedAt, rows, skipped);
        }
    }

    record ProgressJson(String id, String name, String owner, String state, int rows, int skipped,
            double callsPerSecond, int maxConcurrent, HoursJson hours, RetryJson retry, String voicemail,
            Instant createdAt, Instant startedAt, Instant endedAt, Map<String, Integer> states, Map<String, Integer> outcomes,
            int remaining, long estimatedSecondsLeft, Instant waitingUntil, List<CampaignProgress.RowView> rowsDetail) {
        CampaignProgress progress() {
            CampaignRecord record = new RecordJson(id, name, owner, state, rows, skipped, callsPerSecond,
                    maxConcurrent, hours, retry, voicemail, createdAt, startedAt, endedAt).record();
            return new CampaignProgress(record, states, outcomes, remaining, estimatedSecondsLeft, waitingUntil,
                    rowsDetail == null ? List.of() : rowsDetail);
        }
    }

    record Created(RecordJson campaign, Preview preview) { }

    record PreviewAnswer(Preview preview) { }

    record Listed(List<RecordJson> campaigns) { }

    record RequeueAnswer(String id, String name, String owner, String state, int rows, int skipped,
            double callsPerSecond, int maxConcurrent, HoursJson hours, RetryJson retry, String voicemail,
            Instant createdAt, Instant startedAt, Instant endedAt, int requeued) {
        Campaigns.Requeued answer() {
            return new Campaigns.Requeued(new RecordJson(id, name, owner, state, rows, skipped, callsPerSecond,
                    maxConcurrent, hours, retry, voicemail, createdAt, startedAt, endedAt).record(), requeued);
        }
    }

    private static Map<String, Object> body(ConsoleServices.CampaignList list, boolean dryRun) {
        CampaignPlan plan = list.plan();
        Map<String, Object> mapping = new LinkedHashMap<>();
        mapping.put("to", list.mapping().to());
        mapping.put("verification", list.mapping().verification());
        mapping.put("note", list.mapping().note());
        Map<String, Object> retry = new LinkedHashMap<>();
        retry.put("maxAttempts", plan.retries().maxAttempts());
        retry.put("delaySeconds", plan.retries().delay().toSeconds());
        retry.put("on", plan.retries().retryOn().stream().sorted().map(Outcome::wire).toList());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", plan.name());
        m.put("csv", new String(list.csv(), StandardCharsets.UTF_8));
        m.put("mapping", mapping);
        m.put("callsPerSecond", plan.callsPerSecond());
        m.put("maxConcurrent", plan.maxConcurrent());
        m.put("hours", HoursJson.of(plan.hours()));
        m.put("retry", retry);
        if (plan.voicemail() != null) {
            m.put("voicemail", plan.voicemail().wire()); // none: the bridge's default policy for campaigns
        }
        m.put("dryRun", dryRun);
        return m;
    }

    // ---- the desk

    @Override
    public boolean available() {
        return available;
    }

    @Override
    public Preview preview(ConsoleServices.CampaignList list) {
        return http.read(http.post("/campaigns", body(list, true)), PreviewAnswer.class).preview();
    }

    @Override
    public Campaigns.Created create(ConsoleServices.CampaignList list) {
        Created created = http.read(http.post("/campaigns", body(list, false)), Created.class);
        return new Campaigns.Created(created.campaign().record(), created.preview());
    }

    @Override
    public List<CampaignRecord> list() {
        return http.read(http.get("/campaigns"), Listed.class).campaigns().stream().map(RecordJson::record).toList();
    }

    @Override
    public CampaignProgress progress(String id) {
        return http.read(http.get("/campaigns/" + BridgeHttp.encode(id)), ProgressJson.class).progress();
    }

    @Override
    public CampaignRecord control(String id, ConsoleServices.CampaignAction action) {
        String path = "/campaigns/" + BridgeHttp.encode(id) + switch (action) {
            case START -> "/start";
            case TEST -> "/start?test=true";
            case PAUSE -> "/pause";
            case RESUME -> "/resume";
            case CANCEL -> "/cancel";
        };
        return http.read(http.post(path, null), RecordJson.class).record();
    }

    @Override
    public Campaigns.Requeued requeue(String id) {
        return http.read(http.post("/campaigns/" + BridgeHttp.encode(id) + "/requeue", null), RequeueAnswer.class)
                .answer();
    }

    @Override
    public String results(String id, ConsoleServices.ResultFormat format) {
        String path = "/campaigns/" + BridgeHttp.encode(id) + "/results?format="
                + format.name().toLowerCase(Locale.ROOT);
        HttpResponse<String> r = http.exchange("GET", path, null);
        if (r.statusCode() >= 400) {
            throw http.failure("GET", path, r);
        }
        return r.body();
    }

    @Override
    public AutoCloseable watch(Consumer<List<String>> changed) {
        return live.watchCampaigns(changed);
    }
}
