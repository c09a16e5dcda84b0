package app.highway.control;

/** The bridge of the fleet that holds a call did not answer a power asked of it in time (the API's 504). */
public final class BridgeUnreachable extends RuntimeException {
    public BridgeUnreachable(String callId, String bridge) {
        super("Call " + callId + " is held by bridge " + bridge + " of the fleet, which did not answer in time; try again");
    }
}
