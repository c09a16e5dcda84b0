package app.highway.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Frames a bridge's encoded events as {@code highway_events} notification payloads, each under
 * PostgreSQL's 8000-byte limit, and puts them together again on the receiving side. Events are packed
 * several to a payload while they fit; an event too large for one (a long transcript line) is split
 * into parts. The receiver keeps unfinished messages per sender (parts of one message always arrive
 * together, in order, from one transaction), and forgets the oldest beyond a bound.
 */
final class EventFrames {
    /** What a whole message carries: the sending bridge and its events' elements. */
    record Message(String origin, List<String> elements) { }

    static final int VERSION = 1;
    /** Body bytes per payload: well under the limit, leaving room for the header. */
    static final int BODY_BYTES = 7_000;
    /** Characters per part of a split body: at most 3 UTF-8 bytes each, so under {@link #BODY_BYTES}. */
    static final int PART_CHARS = 2_300;
    private static final int MAX_UNFINISHED = 256;

    private final String me;
    private long nextMessage;
    private final Map<String, StringBuilder[]> unfinished = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, StringBuilder[]> eldest) {
            return size() > MAX_UNFINISHED;
        }
    };

    EventFrames(String me) {
        if (me.contains(" ") || me.contains("\n")) {
            throw new IllegalArgumentException("a bridge id without spaces: " + me);
        }
        this.me = me;
    }

    /** Payloads for {@code elements} (each one line of JSON), in order. Sending side: one thread. */
    List<String> frame(List<byte[]> elements) {
        List<String> payloads = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        int bytes = 0;
        for (byte[] element : elements) {
            if (bytes > 0 && bytes + 1 + element.length > BODY_BYTES) {
                payloads.addAll(split(body.toString()));
                body.setLength(0);
                bytes = 0;
            }
            if (bytes > 0) {
                body.append('\n');
                bytes++;
            }
            body.append(new String(element, StandardCharsets.UTF_8));
            bytes += element.length;
        }
        if (bytes > 0) {
            payloads.addAll(split(body.toString()));
        }
        return payloads;
    }

    private List<String> split(String body) {
        long message = nextMessage++;
        if (body.getBytes(StandardCharsets.UTF_8).length <= BODY_BYTES) {
            return List.of(header(message, 1, 1) + body);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < body.length()) {
            int end = Math.min(body.length(), start + PART_CHARS);
            if (end < body.length() && Character.isHighSurrogate(body.charAt(end - 1))) {
                end--; // never split a character
            }
            parts.add(body.substring(start, end));
            start = end;
        }
        List<String> payloads = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            payloads.add(header(message, i + 1, parts.size()) + parts.get(i));
        }
        return payloads;
    }

    private String header(long message, int part, int parts) {
        return VERSION + " " + me + " " + message + " " + part + " " + parts + "\n";
    }

    /**
     * Reads one payload: the whole message once its last part is in, else empty (also for this bridge's
     * own messages, and for payloads of another version). Receiving side: one thread.
     */
    Optional<Message> read(String payload) {
        int newline = payload.indexOf('\n');
        if (newline < 0) {
            return Optional.empty();
        }
        String[] h = payload.substring(0, newline).split(" ");
        if (h.length != 5 || !h[0].equals(String.valueOf(VERSION)) || h[1].equals(me)) {
            return Optional.empty();
        }
        String origin = h[1];
        int part;
        int parts;
        try {
            part = Integer.parseInt(h[3]);
            parts = Integer.parseInt(h[4]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String body = payload.substring(newline + 1);
        if (parts == 1) {
            return Optional.of(new Message(origin, List.of(body.split("\n"))));
        }
        String key = origin + " " + h[2];
        StringBuilder[] got = unfinished.computeIfAbsent(key, k -> new StringBuilder[parts]);
        if (got.length != parts || part < 1 || part > parts) {
            unfinished.remove(key);
            return Optional.empty();
        }
        got[part - 1] = new StringBuilder(body);
        for (StringBuilder b : got) {
            if (b == null) {
                return Optional.empty();
            }
        }
        unfinished.remove(key);
        StringBuilder whole = new StringBuilder();
        for (StringBuilder b : got) {
            whole.append(b);
        }
        return Optional.of(new Message(origin, List.of(whole.toString().split("\n"))));
    }
}
