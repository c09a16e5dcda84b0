package app.highway.audiolink;

import app.highway.call.CallLink;
import app.highway.team.Authenticated;
import app.highway.team.Revocation;
import io.vertx.core.http.ServerWebSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's open audio-link sockets: listeners ({@link ListenEndpoint}) and take-overs. Closes
 * what a revocation covers ({@link LinkCloseCodes#REVOKED}), as the event streams do, and everything
 * when the bridge stops ({@link LinkCloseCodes#GOING_AWAY}).
 */
public final class AudioLinks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AudioLinks.class);
    private final Set<LinkSocket> open = ConcurrentHashMap.newKeySet();
    private final ListenEndpoint listen = new ListenEndpoint(this);
    private final TakeOverEndpoint takeOver = new TakeOverEndpoint(this);

    /**
     * Takes over a socket just upgraded for {@code GET /calls/{id}/listen} (the API checked the token and
     * the role); {@code onStart} and {@code onStop} run when listening starts and stops (timeline, audit,
     * count). On the relay loop.
     */
    public void listen(ServerWebSocket socket, Authenticated who, CallLink link,
            ListenEndpoint.Hooks hooks) {
        listen.attach(socket, who, link, hooks);
    }

    /**
     * Takes over a socket just upgraded for {@code GET /calls/{id}/takeover} (the API checked the token,
     * the role and that nobody holds the call). On the relay loop.
     */
    public void takeOver(ServerWebSocket socket, Authenticated who, CallLink link,
            TakeOverEndpoint.Hooks hooks) {
        takeOver.attach(socket, who, link, hooks);
    }

    void opened(LinkSocket s) {
        open.add(s);
    }

    void closed(LinkSocket s) {
        open.remove(s);
    }

    /** Sockets open now. */
    public int open() {
        return open.size();
    }

    /** A token revoked or a person disabled: what they opened closes at once. Any thread. */
    public void revoked(Revocation r) {
        for (LinkSocket s : open) {
            if (r.covers(s.who)) {
                log.info("Audio link of {} closed: token revoked or person disabled", s);
                s.close(LinkCloseCodes.REVOKED, "revoked");
            }
        }
    }

    /** The bridge is stopping. */
    @Override
    public void close() {
        for (LinkSocket s : open) {
            s.close(LinkCloseCodes.GOING_AWAY, "bridge stopping");
        }
    }
}
