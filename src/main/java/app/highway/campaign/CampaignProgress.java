package app.highway.campaign;

import app.highway.call.PhoneMask;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A campaign's progress, as the API returns it and the console will show it: rows by state, finished rows by
 * outcome, the estimated time left, when it dials next if everything waits (calling hours, retries), and each
 * row's standing (numbers masked).
 */
public record CampaignProgress(CampaignRecord campaign, Map<String, Integer> states, Map<String, Integer> outcomes,
        int remaining, long estimatedSecondsLeft, Instant waitingUntil, List<RowView> rows) {

    /** One row as shown: masked number, state, attempts, last outcome, the model's verdict, when it is next due. */
    public record RowView(int line, String to, String state, int attempts, String outcome, String reflection,
            Instant nextAt, String detail) { }

    static CampaignProgress of(CampaignRecord campaign, List<CampaignRow> rows, List<RowProgress> standing,
            Instant now) {
        Map<RowState, Integer> byState = new EnumMap<>(RowState.class);
        Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
        List<RowView> views = new java.util.ArrayList<>(rows.size());
        Instant soonest = null;
        boolean anyActive = false;
        for (int i = 0; i < rows.size(); i++) {
            RowProgress p = standing.get(i);
            byState.merge(p.state(), 1, Integer::sum);
            if (p.state() == RowState.DONE && p.outcome() != null) {
                byOutcome.merge(p.outcome(), 1, Integer::sum);
            }
            if (p.state() == RowState.WAITING && p.nextAt() != null
                    && (soonest == null || p.nextAt().isBefore(soonest))) {
                soonest = p.nextAt();
            }
            anyActive |= p.state() == RowState.PENDING || p.state() == RowState.DIALLING
                    || p.state() == RowState.IN_CALL;
            CampaignRow row = rows.get(i);
            views.add(new RowView(row.line(), PhoneMask.mask(row.to()),
                    p.state().wire(), p.attempts(), p.outcome() == null ? null : p.outcome().wire(), p.reflection(),
                    p.nextAt(), p.detail()));
        }
        int remaining = 0;
        for (RowState s : List.of(RowState.PENDING, RowState.WAITING, RowState.DIALLING, RowState.IN_CALL)) {
            remaining += byState.getOrDefault(s, 0);
        }
        Instant waitingUntil = anyActive || campaign.state().isFinal() ? null : soonest;
        long left = Preview.estimateSeconds(remaining, campaign.plan().callsPerSecond(),
                campaign.plan().maxConcurrent());
        if (waitingUntil != null && waitingUntil.isAfter(now)) {
            left += Duration.between(now, waitingUntil).toSeconds();
        }
        Map<String, Integer> states = new LinkedHashMap<>();
        byState.forEach((k, v) -> states.put(k.wire(), v));
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        byOutcome.forEach((k, v) -> outcomes.put(k.wire(), v));
        return new CampaignProgress(campaign, states, outcomes, remaining, campaign.state().isFinal() ? 0 : left,
                waitingUntil, views);
    }
}
