package app.highway.call;

import java.util.concurrent.atomic.AtomicReference;

/**
 * What the caller has heard of the assistant's current item: for barge-in (where to cut the model's
 * memory of it), for the item's end mark (one per item, sent after its last audio; Twilio echoes it
 * once the caller has heard all of it) and for the hang-up guard (audio still to be played).
 *
 * <p>Threading, without locks: everything but two methods runs on the model socket's reader, one
 * event at a time (after a reconnect, on the new socket's reader, which starts only after the old
 * one is done). The media stream's reader calls only {@link #heard} (a volatile write per inbound
 * frame) and {@link #markEchoed} (a compare-and-set that ends the item only if it is still the one
 * the mark was sent for). The item's sent milliseconds are written and read on the model's reader
 * alone; its end mark is volatile because the media reader compares it.
 */
final class Playback {
    static final String END_MARK_PREFIX = "end-";

    private static final class Item {
        final String id;
        /** The caller's media timestamp when the item's first audio was sent. */
        final long startTs;
        /** Milliseconds of the item's audio sent to the caller (model reader only). */
        long sentMs;
        volatile String endMark;

        Item(String id, long startTs) {
            this.id = id;
            this.startTs = startTs;
        }
    }

    private final AtomicReference<Item> current = new AtomicReference<>();
    /** The latest media timestamp from the caller: how far the stream has played, in ms. */
    private volatile long heardTs;
    /** Model reader only. */
    private int markSeq;

    /** Media reader: the caller's stream has reached {@code timestamp} ms. */
    void heard(long timestamp) {
        heardTs = timestamp;
    }

    /**
     * Model reader, per audio chunk: {@code ms} of {@code itemId}'s audio go to the caller now. A new
     * item starts its count at zero, at the caller's current timestamp.
     */
    void sent(String itemId, long ms) {
        Item item = current.get();
        if (item == null || !item.id.equals(itemId)) {
            item = new Item(itemId, heardTs);
            current.set(item);
        }
        item.sentMs += ms;
    }

    /** The assistant item being played, or null. */
    String currentItem() {
        Item item = current.get();
        return item == null ? null : item.id;
    }

    /**
     * Model reader, after {@code itemId}'s last audio: the name of the mark to send, or null if
     * {@code itemId} (null allowed) is not the item being played or its mark was sent already.
     */
    String endMark(String itemId) {
        Item item = current.get();
        if (item == null || item.endMark != null || !item.id.equals(itemId)) {
            return null;
        }
        item.endMark = END_MARK_PREFIX + (++markSeq);
        return item.endMark;
    }

    /** Media reader: Twilio echoed mark {@code name}. True if it was the current item's end mark: it has been heard. */
    boolean markEchoed(String name) {
        Item item = current.get();
        return item != null && name.equals(item.endMark) && current.compareAndSet(item, null);
    }

    /** What the caller cut off by speaking: the item and how much of it they heard. */
    record Cut(String itemId, long playedMs) { }

    /**
     * Model reader: the caller barged in. Ends the current item and returns where it was cut, or
     * null if nothing was playing. Heard = the caller's time since the item started, at most what
     * was sent.
     */
    Cut bargeIn() {
        Item item = current.getAndSet(null);
        if (item == null) {
            return null;
        }
        return new Cut(item.id, Math.max(0, Math.min(item.sentMs, heardTs - item.startTs)));
    }

    /** Model reader: milliseconds of the current item sent but not yet heard (0 if nothing is playing). */
    long unplayedMs() {
        Item item = current.get();
        return item == null ? 0 : Math.max(0, item.sentMs - (heardTs - item.startTs));
    }

    /** The model connection is gone: nothing it sent is playing any more as far as the call is concerned. */
    void reset() {
        current.set(null);
    }
}
