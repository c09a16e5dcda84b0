package app.highway.call;

/** A {@link DialGate} withdrew a dial after its turn under the pace came (a campaign paused or canceled). */
public final class DialWithdrawn extends Exception {
    public DialWithdrawn() {
        super("The dial was withdrawn before Twilio was asked");
    }
}
