package app.highway.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import app.highway.campaign.Attempt;
import app.highway.campaign.AttemptState;
import app.highway.campaign.CallingHours;
import app.highway.campaign.CampaignPlan;
import app.highway.campaign.CampaignRecord;
import app.highway.campaign.CampaignRow;
import app.highway.campaign.CampaignState;
import app.highway.campaign.Outcome;
import app.highway.campaign.RetryPolicy;
import app.highway.campaign.RowProblem;
import app.highway.campaign.RowProgress;
import app.highway.campaign.RowState;
import app.highway.campaign.StoredRow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Campaigns in the store (V7): the plan reads back as written, an attempt goes dialling, placed, ended with its
 * row in one write, and a row's code is gone once the row is final (a row left for review keeps it until it is
 * dialled again or its campaign canceled).
 */
abstract class CampaignStoreContract {
    abstract TestDatabase newDatabase();

    @Test
    void aCampaignItsRowsAndAttemptsReadBackAsWritten() throws Exception {
        try (TestDatabase db = newDatabase(); SqlCallStore store = db.open("bridge-a")) {
            SqlCampaignStore campaigns = store.campaigns();
            CampaignPlan plan = new CampaignPlan("Onboarding", 2.5, 7, new CallingHours(LocalTime.of(9, 0),
                    LocalTime.MAX, EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), ZoneId.of("Europe/Paris")),
                    new RetryPolicy(4, Duration.ofMinutes(15), EnumSet.of(Outcome.BUSY, Outcome.VOICEMAIL)),
                    app.highway.config.VoicemailPolicy.HANG_UP);
            Instant t0 = Instant.parse("2026-12-07T09:00:00Z");
            CampaignRecord record = new CampaignRecord("cmp-1", "alice", plan, CampaignState.READY, t0, null, null, 3,
                    1);
            campaigns.create(record, List.of(new CampaignRow(2, "+33142685300", "4821", "vip",
                    Map.of("first_name", "Ada")), new CampaignRow(3, "+15550100001", "1234", null, Map.of())),
                    List.of(new RowProblem(4, "555-0100", "invalid_phone_number", "Not E.164")));
            assertEquals(List.of(record), campaigns.campaigns());

            campaigns.setState("cmp-1", CampaignState.RUNNING, t0.plusSeconds(1));
            Attempt a = new Attempt("cmp-1", 2, 1, "hw-1", null, AttemptState.DIALLING, t0.plusSeconds(2), null,
                    null, null, null, false);
            campaigns.beginAttempt(a);
            assertEquals(List.of(a), campaigns.attempts("cmp-1"));
            Attempt placed = new Attempt("cmp-1", 2, 1, "hw-1", "CA1", AttemptState.PLACED, a.startedAt(), null,
                    null, null, null, false);
            campaigns.placedAttempt(placed);
            Attempt ended = new Attempt("cmp-1", 2, 1, "hw-1", "CA1", AttemptState.ENDED, a.startedAt(),
                    t0.plusSeconds(60), Outcome.COMPLETED, "assistant_hung_up", "successful_call", true);
            campaigns.finishAttempt(ended, new RowProgress(2, RowState.DONE, 1, null, Outcome.COMPLETED,
                    "successful_call", null));
            campaigns.saveRow("cmp-1", new RowProgress(3, RowState.WAITING, 0, t0.plusSeconds(3600), null, null,
                    "Outside calling hours"));
            campaigns.setState("cmp-1", CampaignState.COMPLETED, t0.plusSeconds(61));

            assertEquals(List.of(ended), campaigns.attempts("cmp-1"));
            List<StoredRow> rows = campaigns.rows("cmp-1");
            assertEquals("", rows.get(0).row().verification(), "the code is gone once the row is final");
            assertEquals(Map.of("first_name", "Ada"), rows.get(0).row().variables());
            assertEquals("successful_call", rows.get(0).progress().reflection());
            assertEquals("1234", rows.get(1).row().verification(), "kept while the row may still be dialled");
            assertEquals(t0.plusSeconds(3600), rows.get(1).progress().nextAt());
            assertEquals(RowState.SKIPPED, rows.get(2).progress().state());
            assertNull(rows.get(2).progress().nextAt());
            CampaignRecord after = campaigns.campaign("cmp-1").orElseThrow();
            assertEquals(t0.plusSeconds(1), after.startedAt());
            assertNotNull(after.endedAt());
            assertEquals(CampaignState.COMPLETED, after.state());
        }
    }

    @Test
    void aRowLeftForReviewKeepsItsCodeUntilItIsDialledOrItsCampaignCanceled() throws Exception {
        try (TestDatabase db = newDatabase(); SqlCallStore store = db.open("bridge-a")) {
            SqlCampaignStore campaigns = store.campaigns();
            Instant t0 = Instant.parse("2026-12-07T09:00:00Z");
            CampaignPlan plan = new CampaignPlan("Review", 1, 1, CallingHours.ANY_TIME, RetryPolicy.DEFAULT);
            for (String id : List.of("cmp-r", "cmp-c")) {
                campaigns.create(new CampaignRecord(id, "alice", plan, CampaignState.RUNNING, t0, t0, null, 2, 0),
                        List.of(new CampaignRow(2, "+15550100001", "4821", null, Map.of()),
                                new CampaignRow(3, "+15550100002", "1234", null, Map.of())), List.of());
                campaigns.saveRow(id, new RowProgress(2, RowState.NEEDS_REVIEW, 1, null, Outcome.UNKNOWN, null,
                        "The bridge stopped while Twilio was being asked to ring this number"));
                campaigns.saveRow(id, new RowProgress(3, RowState.DONE, 1, null, Outcome.COMPLETED, null, null));
            }
            List<StoredRow> rows = campaigns.rows("cmp-r");
            assertEquals("4821", rows.get(0).row().verification(), "kept: it may be dialled again");
            assertEquals("", rows.get(1).row().verification(), "gone: the row is done");

            campaigns.saveRow("cmp-r", new RowProgress(2, RowState.PENDING, 1, null, Outcome.UNKNOWN, null, null));
            campaigns.saveRow("cmp-r", new RowProgress(2, RowState.DONE, 2, null, Outcome.COMPLETED, null, null));
            assertEquals("", campaigns.rows("cmp-r").get(0).row().verification(), "gone once dialled again and done");

            campaigns.setState("cmp-c", CampaignState.CANCELED, t0.plusSeconds(60));
            assertEquals("", campaigns.rows("cmp-c").get(0).row().verification(),
                    "gone when the campaign is canceled: it will not be dialled again");
            assertEquals(RowState.NEEDS_REVIEW, campaigns.rows("cmp-c").get(0).progress().state());
        }
    }
}
