package app.highway.store;

import app.highway.call.Call;
import app.highway.call.CallEvent;
import app.highway.call.CallRegistry;
import app.highway.call.CallSnapshot;
import app.highway.event.EventBus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every call, live or past, as the API and the console's history see it: live calls from the
 * bridge (freshest), everything else from the store. Always redacted.
 */
public final class CallHistory {
    /** What deleting a record came to. */
    public enum Deletion { DELETED, NOT_FOUND, STILL_LIVE }

    private final CallRegistry live;
    private final CallStore store;
    private final StoreWriter writer;
    private final EventBus<CallEvent> events;
    private final Clock clock;

    /** {@code events} hears a {@link CallEvent.CallDeleted} after each successful deletion. */
    public CallHistory(CallRegistry live, CallStore store, StoreWriter writer, EventBus<CallEvent> events, Clock clock) {
        this.live = live;
        this.store = store;
        this.writer = writer;
        this.events = events;
        this.clock = clock;
    }

    public Optional<CallSnapshot> find(String idOrSid) {
        Optional<Call> call = live.find(idOrSid);
        if (call.isPresent()) {
            return Optional.of(call.get().redactedSnapshot());
        }
        return store.find(idOrSid);
    }

    public CallPage list(CallQuery query) {
        writer.flush();
        CallPage page = store.list(query);
        List<CallSnapshot> fresh = new ArrayList<>(page.calls().size());
        for (CallSnapshot s : page.calls()) {
            fresh.add(live.find(s.id()).map(Call::redactedSnapshot).orElse(s));
        }
        return new CallPage(fresh, page.nextCursor());
    }

    public Deletion delete(String idOrSid) {
        Optional<Call> call = live.find(idOrSid);
        if (call.isPresent() && !call.get().isEnded()) {
            return Deletion.STILL_LIVE;
        }
        writer.flush();
        Optional<CallSnapshot> stored = store.find(idOrSid);
        if (stored.isEmpty()) {
            return Deletion.NOT_FOUND;
        }
        if (!stored.get().state().isFinal()) {
            return Deletion.STILL_LIVE;
        }
        call.ifPresent(c -> live.forget(c.id()));
        String id = stored.get().id();
        if (!store.delete(id)) {
            return Deletion.NOT_FOUND;
        }
        events.publish(new CallEvent.CallDeleted(id, clock.instant()));
        return Deletion.DELETED;
    }
}
