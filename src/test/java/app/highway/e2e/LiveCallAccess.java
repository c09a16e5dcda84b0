package app.highway.e2e;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeCarrier;
import app.highway.support.FakeRealtimeServer.ModelPeer;

/** Lets benchmarks drive an answered call set up exactly as the end-to-end tests do. */
public final class LiveCallAccess {
    public record Answered(ModelPeer model, FakeCarrier.Stream stream, String callSid) { }

    private LiveCallAccess() {
    }

    public static Answered answered(BridgeHarness h, String code) throws Exception {
        LiveCall call = LiveCall.answered(h, code);
        return new Answered(call.model, call.stream, call.callSid);
    }
}
