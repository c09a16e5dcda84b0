package app.highway.ui.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.highway.campaign.Outcome;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** How a campaign's counts and times read, without a toolkit. */
@Tag("unit")
class CampaignProgressViewModelTest {

    @Test
    void outcomesAreShownInTheBridgesOrderWhateverTheyAreAndOnesThisConsoleDoesNotKnowToo() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("not_me", 1); // a newer bridge's outcome
        counts.put("no_answer", 2);
        counts.put("completed", 12);
        counts.put("voicemail", 0);
        List<CampaignProgressViewModel.Count> shown = CampaignProgressViewModel.outcomeCounts(counts);
        assertEquals(List.of("Completed 12", "No answer 2", "Not me 1"),
                shown.stream().map(c -> c.words() + " " + c.count()).toList());

        Map<String, Integer> every = new LinkedHashMap<>();
        Arrays.stream(Outcome.values()).forEach(o -> every.put(o.wire(), 1));
        assertEquals(Outcome.values().length, CampaignProgressViewModel.outcomeCounts(every).size(),
                "every outcome the enum has is shown, none hard-coded");
    }

    @Test
    void rowStatesReadAsWords() {
        Map<String, Integer> states = new LinkedHashMap<>();
        states.put("done", 3);
        states.put("in_call", 2);
        states.put("needs_review", 1);
        assertEquals(List.of("In call 2", "Done 3", "Needs review 1"), CampaignProgressViewModel.stateCounts(states)
                .stream().map(c -> c.words() + " " + c.count()).toList());
    }

    @Test
    void durationsAreRoundedUpToWholeMinutesPastAMinute() {
        assertEquals("45 s", CampaignProgressViewModel.duration(45));
        assertEquals("2 min", CampaignProgressViewModel.duration(61));
        assertEquals("1 h 20 min", CampaignProgressViewModel.duration(4800));
    }
}
