package app.highway.campaign;

import app.highway.call.CallSnapshot;
import java.util.Optional;

/** A call's record in the call history (live or past), by the bridge's call id. May block (reads the store). */
@FunctionalInterface
public interface CallLookup {
    Optional<CallSnapshot> find(String callId);
}
