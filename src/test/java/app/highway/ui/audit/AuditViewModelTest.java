package app.highway.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.team.Actor;
import app.highway.team.AuditEntry;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import app.highway.team.Person;
import app.highway.team.Refusal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The audit log page by page, newest first, read off the caller's thread. */
@Tag("unit")
class AuditViewModelTest {
    private final List<AuditEntry> log = new ArrayList<>();
    private final List<AuditQuery> queries = new ArrayList<>();
    private final Queue<Runnable> background = new ArrayDeque<>();
    private boolean refuse;
    private final ConsoleServices.Team team = new app.highway.support.NotManagingTeam() {
        @Override
        public Actor actor() {
            return Actor.OWNER;
        }

        @Override
        public List<Person> people() {
            return List.of();
        }

        /** Newest first; the cursor is the index of the next entry. */
        @Override
        public AuditPage audit(AuditQuery query) {
            if (refuse) {
                throw Refusal.forbidden("The audit log is for supervisors and admins");
            }
            queries.add(query);
            int from = query.cursor() == null ? 0 : Integer.parseInt(query.cursor());
            int to = Math.min(log.size(), from + query.limit());
            return new AuditPage(log.subList(from, to), to < log.size() ? String.valueOf(to) : null);
        }
    };
    private final AuditViewModel model = new AuditViewModel(team, 3, background::add, Runnable::run);

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    private void write(int n) {
        for (int i = n - 1; i >= 0; i--) {
            log.add(new AuditEntry("e" + i, Instant.EPOCH.plusSeconds(i), "owner", "call.place", "hw-" + i, "to x"));
        }
    }

    private List<String> shown() {
        return model.rows().stream().map(AuditEntry::id).toList();
    }

    @Test
    void pagesGoOlderAndBackNewerOffTheCallersThread() {
        write(7);
        model.opened();
        assertTrue(queries.isEmpty(), "not read on the caller's thread");
        runBackground();
        assertEquals(List.of("e6", "e5", "e4"), shown());
        assertEquals("Page 1 · 3 entries, newest first", model.messageProperty().get());
        assertTrue(model.hasOlderProperty().get());
        assertFalse(model.hasNewerProperty().get());

        model.older();
        runBackground();
        assertEquals(List.of("e3", "e2", "e1"), shown());
        model.older();
        runBackground();
        assertEquals(List.of("e0"), shown());
        assertEquals("Page 3 · 1 entry, newest first", model.messageProperty().get());
        assertFalse(model.hasOlderProperty().get());
        assertTrue(model.hasNewerProperty().get());

        model.newer();
        runBackground();
        assertEquals(List.of("e3", "e2", "e1"), shown());
        model.newer();
        runBackground();
        assertEquals(List.of("e6", "e5", "e4"), shown());
        assertFalse(model.hasNewerProperty().get());
        assertEquals(3, queries.get(0).limit());
    }

    @Test
    void showingTheTabAgainRereadsTheNewestPageButKeepsAnOlderOne() {
        write(4);
        model.opened();
        runBackground();
        log.add(0, new AuditEntry("e4", Instant.EPOCH.plusSeconds(4), "owner", "settings.change", null, "voice"));
        model.opened();
        runBackground();
        assertEquals(List.of("e4", "e3", "e2"), shown(), "what happened meanwhile is shown");
        model.older();
        runBackground();
        int reads = queries.size();
        model.opened();
        runBackground();
        assertEquals(reads, queries.size(), "on an older page, the operator's place is kept");
    }

    @Test
    void anEmptyLogAndARefusalSaySo() {
        model.opened();
        runBackground();
        assertEquals("Nothing in the audit log yet.", model.messageProperty().get());
        refuse = true;
        model.newest();
        runBackground();
        assertTrue(model.messageProperty().get().startsWith("Could not read the audit log: The audit log is for"),
                model.messageProperty().get());
    }
}
