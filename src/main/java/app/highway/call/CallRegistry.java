package app.highway.call;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Every call this bridge has handled since it started, found by bridge id or Twilio CallSid. */
public final class CallRegistry {
    private final Map<String, Call> byId = new ConcurrentHashMap<>();
    private final Map<String, Call> bySid = new ConcurrentHashMap<>();

    public void add(Call call) {
        byId.put(call.id(), call);
    }

    public void indexSid(Call call, String sid) {
        bySid.put(sid, call);
    }

    /** Forgets calls that ended before {@code cutoff} (their records live on in the store). */
    public int forgetEndedBefore(java.time.Instant cutoff) {
        int n = 0;
        for (Call call : List.copyOf(byId.values())) {
            java.time.Instant ended = call.isEnded() ? call.snapshot().endedAt() : null;
            if (ended != null && ended.isBefore(cutoff)) {
                forget(call.id());
                n++;
            }
        }
        return n;
    }

    /** Drops an ended call (its record was deleted on request). */
    public void forget(String id) {
        Call call = byId.remove(id);
        if (call != null) {
            call.callSid().ifPresent(bySid::remove);
        }
    }

    /** By bridge id or by Twilio CallSid. */
    public Optional<Call> find(String idOrSid) {
        if (idOrSid == null) {
            return Optional.empty();
        }
        Call call = byId.get(idOrSid);
        return Optional.ofNullable(call != null ? call : bySid.get(idOrSid));
    }

    public List<Call> newestFirst() {
        return byId.values().stream()
                .sorted(Comparator.comparing((Call c) -> c.snapshot().createdAt()).reversed())
                .toList();
    }

    public long activeCount() {
        return byId.values().stream().filter(c -> !c.isEnded()).count();
    }

    public Collection<Call> all() {
        return byId.values();
    }
}
