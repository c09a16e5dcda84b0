package app.highway.api;

import app.highway.stream.EventStreams;
import app.highway.stream.Viewer;
import app.highway.team.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /events}: the live event stream's WebSocket upgrade. The bearer token was checked by
 * {@link TokenGate} before this runs (401, no upgrade, without it); the resume position is read from
 * {@code ?after=N&bridge=ID} and checked before the upgrade (400 if malformed); then the socket goes
 * to {@link EventStreams}, which owns the protocol.
 */
final class EventRoutes {
    /** The bridge's own token (HIGHWAY_API_TOKEN or the api-token file), by the id its streams are known by. */
    static final String BRIDGE_TOKEN_ID = "bridge";
    private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);

    private final EventStreams streams;
    private final Replies replies;

    EventRoutes(EventStreams streams, Replies replies) {
        this.streams = streams;
        this.replies = replies;
    }

    void events(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String upgrade = request.getHeader("Upgrade");
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            ctx.response().putHeader("Upgrade", "websocket");
            replies.json(ctx, 426, ApiError.of("upgrade_required",
                    "/events is a WebSocket: connect with a WebSocket client (see the README's event stream)"));
            return;
        }
        EventStreams.Resume resume;
        try {
            resume = resume(Requests.queryParams(ctx).apply("after"), Requests.queryParams(ctx).apply("bridge"));
        } catch (BadRequest bad) {
            replies.json(ctx, bad.status(), ApiError.of(bad.error(), bad.getMessage()));
            return;
        }
        Authenticated who = Access.of(ctx);
        Viewer viewer = new Viewer(who.actor(), who.tokenId().orElse(BRIDGE_TOKEN_ID));
        request.toWebSocket().onComplete(ar -> {
            if (ar.succeeded()) {
                streams.attach(ar.result(), viewer, resume);
            } else {
                log.warn("Event stream upgrade from {} failed: {}", Requests.remote(request), ar.cause().getMessage());
            }
        });
    }

    static EventStreams.Resume resume(String after, String bridge) {
        OptionalLong position = OptionalLong.empty();
        if (after != null && !after.isBlank()) {
            try {
                long n = Long.parseLong(after.trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                position = OptionalLong.of(n);
            } catch (NumberFormatException e) {
                throw new BadRequest("invalid_query", "after must be the sequence number of the last event received "
                        + "(a whole number, 0 or more)");
            }
        }
        return new EventStreams.Resume(position, Optional.ofNullable(bridge).filter(b -> !b.isBlank()));
    }
}
