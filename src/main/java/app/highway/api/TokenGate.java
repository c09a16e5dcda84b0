package app.highway.api;

import app.highway.team.Actor;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler on every request: the control API's paths ({@code /call-customer}, {@code /calls...})
 * and the event stream ({@code /events}, before its upgrade) need the bearer token, checked before
 * anything else (even a 405), so that without it nothing about those paths is given away. Twilio's paths
 * and {@code /health} pass through. A request that passes carries who it is from ({@link #actor}) and by which token ({@link #tokenId}).
 */
final class TokenGate {
    // the API logs under one name, whichever of its classes writes the line
    private static final Logger log = LoggerFactory.getLogger(TokenGate.class);

    /** The bridge's own token (HIGHWAY_API_TOKEN or the api-token file), by the id its streams are known by. */
    static final String BRIDGE_TOKEN_ID = "bridge";
    private static final String ACTOR = "highway.actor";
    private static final String TOKEN_ID = "highway.tokenId";

    private final BearerAuth auth;
    private final Replies replies;

    TokenGate(BearerAuth auth, Replies replies) {
        this.auth = auth;
        this.replies = replies;
    }

    void requireToken(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean control = path.equals("/call-customer") || path.equals("/call-customer/") || path.equals("/calls")
                || path.startsWith("/calls/") || path.equals("/events") || path.startsWith("/events/");
        if (control && !auth.allows(ctx.request().getHeader("Authorization"))) {
            log.warn("Refused {} {} from {}: missing or wrong bearer token", ctx.request().method(),
                    ctx.request().path(), Requests.remote(ctx.request()));
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            replies.json(ctx, 401, ApiError.of("http_401", "A valid bearer token is required: "
                    + "Authorization: Bearer <HIGHWAY_API_TOKEN>"));
            return;
        }
        if (control) {
            // every valid token is the bridge's own, which acts as the owner
            ctx.put(ACTOR, Actor.OWNER);
            ctx.put(TOKEN_ID, BRIDGE_TOKEN_ID);
        }
        ctx.next();
    }

    /** Who sent a request that passed the gate on a control path. */
    static Actor actor(RoutingContext ctx) {
        Actor actor = ctx.get(ACTOR);
        if (actor == null) {
            throw new IllegalStateException("no bearer token was checked on " + ctx.normalizedPath());
        }
        return actor;
    }

    /** Which token it came with (an id, never the token): revoking it closes what was opened with it. */
    static String tokenId(RoutingContext ctx) {
        String id = ctx.get(TOKEN_ID);
        if (id == null) {
            throw new IllegalStateException("no bearer token was checked on " + ctx.normalizedPath());
        }
        return id;
    }
}
