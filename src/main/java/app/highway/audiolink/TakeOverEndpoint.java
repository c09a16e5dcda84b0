package app.highway.audiolink;

import app.highway.call.CallLink;
import app.highway.team.Authenticated;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /calls/{id}/takeover}, once upgraded: the supervisor speaks to the caller. The console's
 * frames go to the caller as the call's outbound audio, each as it arrives, in order (on the relay loop,
 * where the call's media socket is written); the caller's own frames come back 20 ms at a time. A
 * message that is not one audio frame closes the socket with 1007 saying why (the frames before it went
 * out). Closing or dropping the socket hands the call back to the assistant.
 */
public final class TakeOverEndpoint {
    private static final Logger log = LoggerFactory.getLogger(TakeOverEndpoint.class);

    /** What the bridge does around a take-over (the audit log). */
    public interface Hooks {
        void tookOver(CallLink link, Authenticated who);

        void handedBack(CallLink link, Authenticated who, Duration lasted);
    }

    private final AudioLinks links;

    TakeOverEndpoint(AudioLinks links) {
        this.links = links;
    }

    void attach(ServerWebSocket socket, Authenticated who, CallLink link, Hooks hooks) {
        String user = who.actor().user();
        LinkSocket s = new LinkSocket(socket, who, link.call().id(), true);
        socket.exceptionHandler(e -> log.debug("Take-over of {}: {}", s, e == null ? "error" : e.getMessage()));
        CallLink.TakeOverResult result = link.takeOver(user);
        if (result != CallLink.TakeOverResult.TAKEN_OVER) { // lost a race since the upgrade was admitted
            if (result == CallLink.TakeOverResult.ALREADY_TAKEN_OVER) {
                s.close(LinkCloseCodes.TAKEN_OVER, "taken over by " + link.takenOverBy());
            } else if (result == CallLink.TakeOverResult.NOT_ANSWERED) {
                s.close(LinkCloseCodes.NORMAL, "not answered yet");
            } else {
                s.ended(link.call().endReason().orElse("ended"));
            }
            return;
        }
        links.opened(s);
        socket.binaryMessageHandler(b -> onFrame(s, link, user, b));
        socket.textMessageHandler(t -> s.close(LinkCloseCodes.BAD_FRAME, "expected binary audio frames, not text"));
        socket.closeHandler(v -> {
            links.closed(s);
            s.close(LinkCloseCodes.NORMAL, "closed");
            link.stopListening(s);
            Duration lasted = link.handBack(user);
            if (lasted != null) {
                log.info("{} handed call {} back to the assistant after {} s", user, link.call().id(),
                        lasted.toSeconds());
                hooks.handedBack(link, who, lasted);
            }
        });
        hooks.tookOver(link, who);
        if (!link.listen(s)) {
            s.ended(link.call().endReason().orElse("ended"));
            return;
        }
        log.info("{} took over call {}", user, link.call().id());
    }

    private static void onFrame(LinkSocket s, CallLink link, String user, Buffer message) {
        if (s.isClosed()) {
            return;
        }
        AudioFrame frame;
        try {
            frame = AudioFrame.fromWire(message.getBytes());
        } catch (IllegalArgumentException bad) {
            s.close(LinkCloseCodes.BAD_FRAME, bad.getMessage());
            return;
        }
        link.speak(user, frame.audio());
    }
}
