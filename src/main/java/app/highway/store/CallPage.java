package app.highway.store;

import app.highway.call.CallSnapshot;
import java.util.List;

/** One page of the call history, newest first; {@code nextCursor} is null on the last page. */
public record CallPage(List<CallSnapshot> calls, String nextCursor) { }
