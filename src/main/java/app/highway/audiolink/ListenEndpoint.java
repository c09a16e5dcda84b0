package app.highway.audiolink;

import app.highway.call.CallLink;
import app.highway.team.Authenticated;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /calls/{id}/listen}, once upgraded: the call's mix goes out 20 ms at a time until the call
 * ends ({@code ended}, then 1000), the console closes, or the token is revoked (4003). Silent: the
 * listener sends nothing to the call, and anything it sends is ignored.
 */
public final class ListenEndpoint {
    private static final Logger log = LoggerFactory.getLogger(ListenEndpoint.class);

    /** What the bridge does around a listening (the timeline, the audit log, the call's listener count). */
    public interface Hooks {
        /** {@code who} started listening to the call. */
        void started(CallLink link, Authenticated who);

        /** {@code who} stopped, after {@code seconds}, with {@code dropped} frames dropped on a full connection. */
        void stopped(CallLink link, Authenticated who, long seconds, long dropped);
    }

    private final AudioLinks links;

    ListenEndpoint(AudioLinks links) {
        this.links = links;
    }

    void attach(ServerWebSocket socket, Authenticated who, CallLink link, Hooks hooks) {
        LinkSocket s = new LinkSocket(socket, who, link.call().id(), false);
        socket.binaryMessageHandler(b -> { }); // listening is silent: nothing from the console goes anywhere
        socket.textMessageHandler(t -> { });
        socket.exceptionHandler(e -> log.debug("Audio link of {}: {}", s, e == null ? "error" : e.getMessage()));
        links.opened(s);
        java.util.concurrent.atomic.AtomicBoolean listening = new java.util.concurrent.atomic.AtomicBoolean();
        socket.closeHandler(v -> {
            links.closed(s);
            s.close(LinkCloseCodes.NORMAL, "closed");
            link.stopListening(s);
            if (listening.compareAndSet(true, false)) { // also after the call ended: the count goes back down
                hooks.stopped(link, who, s.openSeconds(), s.dropped());
            }
        });
        listening.set(true);
        hooks.started(link, who);
        if (!link.listen(s)) {
            s.ended(link.call().endReason().orElse("ended"));
            return;
        }
        log.info("{} is listening to call {}", who.actor().user(), link.call().id());
    }
}
