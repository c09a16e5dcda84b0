package app.highway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EventJournalTest {

    private static EventJournal.Entry entry(long seq, String call, int bytes) {
        return new EventJournal.Entry(seq, call, new byte[bytes]);
    }

    @Test
    void keepsTheNewestWithinItsCountAndServesResumesFromThem() {
        EventJournal j = new EventJournal(3, 1_000_000);
        assertTrue(j.canResumeAfter(0), "nothing missed before the first event");
        for (long s = 1; s <= 5; s++) {
            j.append(entry(s, s % 2 == 0 ? "even" : "odd", 10));
        }
        assertEquals(3, j.size());
        assertEquals(3, j.firstSeq());
        assertEquals(5, j.lastSeq());
        assertTrue(j.canResumeAfter(2), "3, 4 and 5 are all here");
        assertFalse(j.canResumeAfter(1), "2 is gone");
        assertTrue(j.canResumeAfter(5), "nothing missed");
        assertFalse(j.canResumeAfter(6), "a position this journal never gave out");
        assertEquals(List.of(3L, 4L, 5L), j.after(2, id -> true).stream().map(EventJournal.Entry::seq).toList());
        assertEquals(List.of(3L, 5L), j.after(2, "odd"::equals).stream().map(EventJournal.Entry::seq).toList());
        assertEquals(List.of(), j.after(5, id -> true));
    }

    @Test
    void keepsWithinItsBytesButAlwaysTheLastEvent() {
        EventJournal j = new EventJournal(100, 25);
        j.append(entry(1, "a", 10));
        j.append(entry(2, "a", 10));
        j.append(entry(3, "a", 10));
        assertEquals(2, j.size());
        assertEquals(20, j.bytes());
        j.append(entry(4, "a", 100));
        assertEquals(1, j.size(), "one event bigger than the limit is still kept");
        assertEquals(4, j.firstSeq());
    }

    @Test
    void numbersHaveNoGaps() {
        EventJournal j = new EventJournal(10, 100);
        assertEquals(1, j.nextSeq());
        assertThrows(IllegalArgumentException.class, () -> j.append(entry(2, "a", 1)));
    }

    @Test
    void anEventNobodyCanAskForAgainIsNumberedButNotKept() {
        EventJournal j = new EventJournal(10, 1_000);
        j.append(entry(1, "a", 10));
        j.append(entry(2, "a", 10));
        j.skip();
        assertEquals(3, j.lastSeq(), "no gap in the numbers");
        assertEquals(0, j.size());
        assertEquals(0, j.bytes());
        assertFalse(j.canResumeAfter(1), "event 3 is not there to replay");
        assertTrue(j.canResumeAfter(3), "a console that saw everything misses nothing");
        j.append(entry(4, "a", 10));
        assertEquals(List.of(4L), j.after(3, id -> true).stream().map(EventJournal.Entry::seq).toList());
    }
}
