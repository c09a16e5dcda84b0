package app.highway.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Playback bookkeeping on its own: no sockets, times given as the media stream would give them. */
@Tag("unit")
class PlaybackTest {
    private final Playback playback = new Playback();

    @Test
    void aNewItemStartsAtTheCallersCurrentTimeWithNothingSent() {
        playback.heard(1_000);
        playback.sent("a1", 500);
        playback.sent("a1", 500);
        playback.heard(1_400);
        assertEquals(600, playback.unplayedMs(), "1000 ms sent, 400 ms heard");

        playback.heard(2_000);
        playback.sent("a2", 100);
        assertEquals("a2", playback.currentItem());
        assertEquals(100, playback.unplayedMs(), "a2 counts from zero, from the caller's time when it started");
    }

    @Test
    void bargeInCutsAtWhatTheCallerHeardButNeverPastWhatWasSent() {
        playback.heard(10_000);
        playback.sent("a1", 3_000);
        playback.heard(11_200);
        Playback.Cut cut = playback.bargeIn();
        assertNotNull(cut);
        assertEquals("a1", cut.itemId());
        assertEquals(1_200, cut.playedMs(), "caller timestamp minus the item's start");
        assertNull(playback.currentItem(), "the cut item is over");
        assertNull(playback.bargeIn(), "nothing playing: nothing to cut");

        playback.sent("a2", 400);
        playback.heard(20_000);
        assertEquals(400, playback.bargeIn().playedMs(), "at most what was sent");
    }

    @Test
    void bargeInBeforeTheCallersClockMovesHeardNothing() {
        playback.heard(5_000);
        playback.sent("a1", 200);
        playback.heard(4_980); // a late frame: never a negative cut
        assertEquals(0, playback.bargeIn().playedMs());
    }

    @Test
    void theEndMarkIsSentOncePerItemAndOnlyForTheCurrentItem() {
        assertNull(playback.endMark("a1"), "nothing playing");
        playback.sent("a1", 100);
        assertNull(playback.endMark("a0"), "not the current item");
        assertNull(playback.endMark(null));
        String first = playback.endMark("a1");
        assertNotNull(first);
        assertTrue(first.startsWith(Playback.END_MARK_PREFIX), first);
        assertNull(playback.endMark("a1"), "once per item");

        playback.sent("a2", 100);
        String second = playback.endMark("a2");
        assertNotNull(second, "a new item gets its own mark");
        assertNotEquals(first, second, "marks are numbered");
    }

    @Test
    void theEchoOfTheCurrentItemsEndMarkEndsTheItem() {
        playback.sent("a1", 100);
        assertFalse(playback.markEchoed("end-99"), "an unknown mark");
        String mark = playback.endMark("a1");
        assertTrue(playback.markEchoed(mark));
        assertNull(playback.currentItem(), "heard to the end");
        assertEquals(0, playback.unplayedMs());
        assertNull(playback.bargeIn(), "speaking after the item was heard cuts nothing");
        assertFalse(playback.markEchoed(mark), "a repeated echo changes nothing");
    }

    @Test
    void theEchoOfAnEarlierItemsMarkDoesNotEndTheNextItem() {
        playback.sent("a1", 100);
        String old = playback.endMark("a1");
        playback.sent("a2", 100);
        assertFalse(playback.markEchoed(old));
        assertEquals("a2", playback.currentItem());
    }

    @Test
    void unplayedIsWhatWasSentAndNotYetHeard() {
        assertEquals(0, playback.unplayedMs(), "nothing playing");
        playback.heard(0);
        playback.sent("a1", 2_000);
        playback.heard(500);
        assertEquals(1_500, playback.unplayedMs());
        playback.heard(2_500);
        assertEquals(0, playback.unplayedMs(), "never negative");
    }

    @Test
    void resetForgetsTheItem() {
        playback.sent("a1", 100);
        playback.endMark("a1");
        playback.reset();
        assertNull(playback.currentItem());
        assertNull(playback.bargeIn());
    }
}
