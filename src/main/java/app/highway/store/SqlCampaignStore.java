package app.highway.store;

import app.highway.campaign.Attempt;
import app.highway.campaign.AttemptState;
import app.highway.campaign.CallingHours;
import app.highway.campaign.CampaignPlan;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignRow;
import app.highway.campaign.CampaignState;
import app.highway.campaign.CampaignStore;
import app.highway.campaign.Outcome;
import app.highway.campaign.RetryPolicy;
import app.highway.campaign.RowProblem;
import app.highway.campaign.RowProgress;
import app.highway.campaign.RowState;
import app.highway.campaign.StoredRow;
import app.highway.config.VoicemailPolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Campaigns, their rows and attempts in SQL ({@code campaigns}, {@code campaign_rows}, {@code campaign_attempts}),
 * on the call history's pools: one transaction per write, reads on the reader. A row's code is cleared when the
 * row becomes final: it is not needed any more and is better not kept. A row left {@code needs_review} keeps it,
 * since an operator may dial it again ({@code Campaigns.requeue}); once dialled it is final and cleared, and when
 * its campaign is canceled it is cleared too.
 */
public final class SqlCampaignStore implements CampaignStore {
    private static final String CAMPAIGN = "id, name, owner, state, created_at, started_at, ended_at, "
            + "calls_per_second, max_concurrent, hours_start, hours_end, hours_days, time_zone, max_attempts, "
            + "retry_delay_s, retry_on, total_rows, skipped_rows, voicemail";
    private static final String ROW = "line, to_number, code, note, variables, state, attempts, next_at, outcome, "
            + "reflection, detail";
    private static final String ATTEMPT = "campaign_id, line, attempt, call_id, call_sid, state, started_at, "
            + "ended_at, outcome, end_reason, reflection, answered";
    private static final TypeReference<LinkedHashMap<String, String>> VARIABLES = new TypeReference<>() { };

    private final DataSource writer;
    private final DataSource reader;
    private final ObjectMapper json;

    SqlCampaignStore(DataSource writer, DataSource reader, ObjectMapper json) {
        this.writer = writer;
        this.reader = reader;
        this.json = json;
    }

    @Override
    public void create(CampaignRecord c, List<CampaignRow> rows, List<RowProblem> skipped) {
        Transactions.run(writer, "create campaign " + c.id(), conn -> {
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO campaigns (" + CAMPAIGN
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                CampaignPlan plan = c.plan();
                p.setString(1, c.id());
                p.setString(2, plan.name());
                p.setString(3, c.owner());
                p.setString(4, c.state().wire());
                SqlTimes.set(p, 5, c.createdAt());
                SqlTimes.set(p, 6, c.startedAt());
                SqlTimes.set(p, 7, c.endedAt());
                p.setDouble(8, plan.callsPerSecond());
                p.setInt(9, plan.maxConcurrent());
                p.setString(10, plan.hours().start().toString());
                p.setString(11, plan.hours().end().toString());
                // three letters a day: all seven as full names (56 characters) do not fit hours_days VARCHAR(40)
                p.setString(12, plan.hours().days().stream().sorted().map(d -> d.name().substring(0, 3))
                        .collect(Collectors.joining(",")));
                p.setString(13, plan.hours().zone().getId());
                p.setInt(14, plan.retries().maxAttempts());
                p.setLong(15, plan.retries().delay().toSeconds());
                p.setString(16, plan.retries().retryOn().stream().sorted().map(Outcome::wire)
                        .collect(Collectors.joining(",")));
                p.setInt(17, c.rows());
                p.setInt(18, c.skipped());
                p.setString(19, plan.voicemail() == null ? null : plan.voicemail().wire());
                p.executeUpdate();
            }
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO campaign_rows (campaign_id, " + ROW
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (CampaignRow r : rows) {
                    insertRow(p, c.id(), r.line(), r.to(), r.verification(), r.note(), r.variables(),
                            RowState.PENDING, null);
                }
                for (RowProblem bad : skipped) {
                    insertRow(p, c.id(), bad.line(), bad.to(), null, null, Map.of(), RowState.SKIPPED,
                            bad.error() + ": " + bad.message());
                }
                p.executeBatch();
            }
            return null;
        });
    }

    private void insertRow(PreparedStatement p, String id, int line, String to, String code, String note,
            Map<String, String> variables, RowState state, String detail) throws SQLException {
        p.setString(1, id);
        p.setInt(2, line);
        p.setString(3, to.length() > 64 ? to.substring(0, 64) : to);
        p.setString(4, code);
        p.setString(5, note);
        try {
            p.setString(6, json.writeValueAsString(variables));
        } catch (JsonProcessingException e) {
            throw new SQLException("variables of line " + line + " cannot be written", e);
        }
        p.setString(7, state.wire());
        p.setInt(8, 0);
        p.setNull(9, Types.BIGINT);
        p.setNull(10, Types.VARCHAR);
        p.setNull(11, Types.VARCHAR);
        p.setString(12, detail);
        p.addBatch();
    }

    @Override
    public List<CampaignRecord> campaigns() {
        return Transactions.read(reader, "list campaigns", c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + CAMPAIGN
                    + " FROM campaigns ORDER BY created_at DESC, id")) {
                return campaignsOf(q);
            }
        });
    }

    @Override
    public Optional<CampaignRecord> campaign(String id) {
        return Transactions.read(reader, "read campaign " + id, c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + CAMPAIGN + " FROM campaigns WHERE id = ?")) {
                q.setString(1, id);
                return campaignsOf(q).stream().findFirst();
            }
        });
    }

    private static List<CampaignRecord> campaignsOf(PreparedStatement q) throws SQLException {
        List<CampaignRecord> all = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                Arrays.stream(rs.getString("hours_days").split(",")).filter(d -> !d.isBlank())
                        .forEach(d -> days.add(day(d.strip())));
                Set<Outcome> retryOn = EnumSet.noneOf(Outcome.class);
                Arrays.stream(rs.getString("retry_on").split(",")).map(Outcome::fromWire)
                        .flatMap(Optional::stream).forEach(retryOn::add);
                CampaignPlan plan = new CampaignPlan(rs.getString("name"), rs.getDouble("calls_per_second"),
                        rs.getInt("max_concurrent"), new CallingHours(LocalTime.parse(rs.getString("hours_start")),
                                LocalTime.parse(rs.getString("hours_end")), days, ZoneId.of(rs.getString("time_zone"))),
                        new RetryPolicy(rs.getInt("max_attempts"), Duration.ofSeconds(rs.getLong("retry_delay_s")),
                                retryOn), VoicemailPolicy.fromWire(rs.getString("voicemail")).orElse(null));
                all.add(new CampaignRecord(rs.getString("id"), rs.getString("owner"), plan,
                        CampaignState.fromWire(rs.getString("state")), SqlTimes.get(rs, "created_at"),
                        SqlTimes.get(rs, "started_at"), SqlTimes.get(rs, "ended_at"), rs.getInt("total_rows"),
                        rs.getInt("skipped_rows")));
            }
        }
        return all;
    }

    @Override
    public List<StoredRow> rows(String campaignId) {
        return Transactions.read(reader, "read the rows of campaign " + campaignId, c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + ROW
                    + " FROM campaign_rows WHERE campaign_id = ? ORDER BY line")) {
                q.setString(1, campaignId);
                List<StoredRow> rows = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        int line = rs.getInt("line");
                        Map<String, String> variables;
                        try {
                            variables = json.readValue(rs.getString("variables"), VARIABLES);
                        } catch (JsonProcessingException e) {
                            throw new SQLException("variables of line " + line + " are unreadable", e);
                        }
                        String code = rs.getString("code");
                        rows.add(new StoredRow(new CampaignRow(line, rs.getString("to_number"),
                                code == null ? "" : code, rs.getString("note"), variables),
                                new RowProgress(line, RowState.fromWire(rs.getString("state")), rs.getInt("attempts"),
                                        SqlTimes.get(rs, "next_at"),
                                        Outcome.fromWire(rs.getString("outcome")).orElse(null),
                                        rs.getString("reflection"), rs.getString("detail"))));
                    }
                }
                return rows;
            }
        });
    }

    @Override
    public List<Attempt> attempts(String campaignId) {
        return Transactions.read(reader, "read the attempts of campaign " + campaignId, c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT " + ATTEMPT
                    + " FROM campaign_attempts WHERE campaign_id = ? ORDER BY line, attempt")) {
                q.setString(1, campaignId);
                List<Attempt> all = new ArrayList<>();
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Attempt(rs.getString("campaign_id"), rs.getInt("line"), rs.getInt("attempt"),
                                rs.getString("call_id"), rs.getString("call_sid"),
                                AttemptState.fromWire(rs.getString("state")), SqlTimes.get(rs, "started_at"),
                                SqlTimes.get(rs, "ended_at"), Outcome.fromWire(rs.getString("outcome")).orElse(null),
                                rs.getString("end_reason"), rs.getString("reflection"), rs.getInt("answered") != 0));
                    }
                }
                return all;
            }
        });
    }

    @Override
    public void setState(String campaignId, CampaignState state, Instant at) {
        Transactions.run(writer, "change the state of campaign " + campaignId, c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE campaigns SET state = ?, "
                    + "started_at = CASE WHEN started_at IS NULL AND ? = 1 THEN ? ELSE started_at END, "
                    + "ended_at = CASE WHEN ? = 1 THEN ? ELSE ended_at END WHERE id = ?")) {
                p.setString(1, state.wire());
                p.setInt(2, state == CampaignState.RUNNING ? 1 : 0);
                SqlTimes.set(p, 3, at);
                p.setInt(4, state.isFinal() ? 1 : 0);
                SqlTimes.set(p, 5, at);
                p.setString(6, campaignId);
                p.executeUpdate();
            }
            if (state == CampaignState.CANCELED) { // rows left to review will not be dialled again: their codes go
                try (PreparedStatement p = c.prepareStatement("UPDATE campaign_rows SET code = NULL "
                        + "WHERE campaign_id = ? AND state = ?")) {
                    p.setString(1, campaignId);
                    p.setString(2, RowState.NEEDS_REVIEW.wire());
                    p.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void beginAttempt(Attempt a) {
        Transactions.run(writer, "record an attempt of campaign " + a.campaignId(), c -> {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO campaign_attempts (" + ATTEMPT
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setString(1, a.campaignId());
                p.setInt(2, a.line());
                p.setInt(3, a.number());
                p.setString(4, a.callId());
                p.setString(5, a.callSid());
                p.setString(6, a.state().wire());
                SqlTimes.set(p, 7, a.startedAt());
                SqlTimes.set(p, 8, a.endedAt());
                p.setString(9, a.outcome() == null ? null : a.outcome().wire());
                p.setString(10, a.endReason());
                p.setString(11, a.reflection());
                p.setInt(12, a.answered() ? 1 : 0);
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement(
                    "UPDATE campaign_rows SET attempts = ? WHERE campaign_id = ? AND line = ?")) {
                p.setInt(1, a.number());
                p.setString(2, a.campaignId());
                p.setInt(3, a.line());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void placedAttempt(Attempt a) {
        Transactions.run(writer, "record the CallSid of an attempt", c -> {
            updateAttempt(c, a);
            return null;
        });
    }

    @Override
    public void finishAttempt(Attempt a, RowProgress row) {
        Transactions.run(writer, "record the end of an attempt", c -> {
            updateAttempt(c, a);
            updateRow(c, a.campaignId(), row);
            return null;
        });
    }

    @Override
    public void saveRow(String campaignId, RowProgress row) {
        Transactions.run(writer, "record a row of campaign " + campaignId, c -> {
            updateRow(c, campaignId, row);
            return null;
        });
    }

    private static void updateAttempt(Connection c, Attempt a) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE campaign_attempts SET call_sid = ?, state = ?, "
                + "ended_at = ?, outcome = ?, end_reason = ?, reflection = ?, answered = ? "
                + "WHERE campaign_id = ? AND line = ? AND attempt = ?")) {
            p.setString(1, a.callSid());
            p.setString(2, a.state().wire());
            SqlTimes.set(p, 3, a.endedAt());
            p.setString(4, a.outcome() == null ? null : a.outcome().wire());
            p.setString(5, a.endReason() == null || a.endReason().length() <= 100 ? a.endReason()
                    : a.endReason().substring(0, 100));
            p.setString(6, a.reflection());
            p.setInt(7, a.answered() ? 1 : 0);
            p.setString(8, a.campaignId());
            p.setInt(9, a.line());
            p.setInt(10, a.number());
            p.executeUpdate();
        }
    }

    /** A day as stored: {@code MON} (or, as first written on SQLite, {@code MONDAY}). */
    private static DayOfWeek day(String stored) {
        return Arrays.stream(DayOfWeek.values()).filter(d -> d.name().startsWith(stored)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown day in the campaigns table: " + stored));
    }

    private static void updateRow(Connection c, String campaignId, RowProgress row) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE campaign_rows SET state = ?, attempts = ?, next_at = ?, "
                + "outcome = ?, reflection = ?, detail = ?, code = CASE WHEN ? = 1 THEN NULL ELSE code END "
                + "WHERE campaign_id = ? AND line = ?")) {
            p.setString(1, row.state().wire());
            p.setInt(2, row.attempts());
            SqlTimes.set(p, 3, row.nextAt());
            p.setString(4, row.outcome() == null ? null : row.outcome().wire());
            p.setString(5, row.reflection());
            p.setString(6, row.detail());
            // a row to review keeps its code until someone decides (it may be dialled again: Campaigns.requeue)
            p.setInt(7, row.state().isFinal() && row.state() != RowState.NEEDS_REVIEW ? 1 : 0);
            p.setString(8, campaignId);
            p.setInt(9, row.line());
            p.executeUpdate();
        }
    }
}
