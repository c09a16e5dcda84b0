package app.highway.api;

import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler on every request: the control API's paths ({@code /call-customer}, {@code /calls...})
 * need the bearer token, checked before anything else (even a 405), so that without it nothing about
 * those paths is given away. Twilio's paths and {@code /health} pass through.
 */
final class TokenGate {
    // the API logs under one name, whichever of its classes writes the line
    private static final Logger log = LoggerFactory.getLogger(TokenGate.class);

    private final BearerAuth auth;
    private final Replies replies;

    TokenGate(BearerAuth auth, Replies replies) {
        this.auth = auth;
        this.replies = replies;
    }

    void requireToken(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        boolean control = path.equals("/call-customer") || path.equals("/call-customer/") || path.equals("/calls")
                || path.startsWith("/calls/") || path.equals("/metrics");
        if (control && !auth.allows(ctx.request().getHeader("Authorization"))) {
            log.warn("Refused {} {} from {}: missing or wrong bearer token", ctx.request().method(),
                    ctx.request().path(), Requests.remote(ctx.request()));
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            replies.json(ctx, 401, ApiError.of("http_401", "A valid bearer token is required: "
                    + "Authorization: Bearer <HIGHWAY_API_TOKEN>"));
            return;
        }
        ctx.next();
    }
}
