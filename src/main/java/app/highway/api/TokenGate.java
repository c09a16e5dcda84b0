package app.highway.api;

import app.highway.team.Authenticated;
import app.highway.team.Team;
import app.highway.team.TokenSecrets;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler on every request: the control API's paths ({@code /call-customer}, {@code /calls...},
 * {@code /people...}, {@code /tokens...}, {@code /audit}, {@code /events}, {@code /metrics}, {@code /settings}, {@code /prompts}, {@code /prices}, {@code /facts}, {@code /campaigns...}) need a bearer
 * token, checked before anything else (even a 405), so that without one nothing about those paths is given away. Twilio's paths
 * and {@code /health} pass through.
 *
 * <p>The bridge's own token is compared in memory and acts as the owner: a single-user install never
 * touches the store here. A personal token ({@code hwy_…}) is looked up by its hash on the worker pool,
 * never on the relay loop, on every request (no cache, so a revocation holds from the next request
 * on); meanwhile the request is paused, so that its body waits for the body handler. Whoever the token
 * belongs to is left for the routes in {@link Access}.
 */
final class TokenGate {
    // the API logs under one name, whichever of its classes writes the line
    private static final Logger log = LoggerFactory.getLogger(TokenGate.class);
    private static final List<String> GUARDED = List.of("/call-customer", "/calls", "/people", "/tokens", "/audit",
            "/events", "/metrics", "/settings", "/prompts", "/prices", "/facts", "/campaigns");

    private final BearerAuth owner;
    private final Team team;
    private final Replies replies;

    TokenGate(BearerAuth owner, Team team, Replies replies) {
        this.owner = owner;
        this.team = team;
        this.replies = replies;
    }

    static boolean guarded(String path) {
        for (String p : GUARDED) {
            if (path.equals(p) || path.startsWith(p + "/")) {
                return true;
            }
        }
        return false;
    }

    void requireToken(RoutingContext ctx) {
        if (!guarded(ctx.normalizedPath())) {
            ctx.next();
            return;
        }
        String header = ctx.request().getHeader("Authorization");
        if (owner.allows(header)) {
            ctx.put(Access.KEY, Authenticated.OWNER);
            ctx.next();
            return;
        }
        Optional<String> personal = BearerAuth.token(header).filter(TokenSecrets::looksLikeOne);
        if (personal.isEmpty()) {
            refuse(ctx, "missing or wrong bearer token", "A valid bearer token is required: "
                    + "Authorization: Bearer <HIGHWAY_API_TOKEN or your personal token>");
            return;
        }
        HttpServerRequest request = ctx.request();
        request.pause();
        replies.offLoop(() -> team.authenticate(personal.get())).onComplete(ar -> {
            if (ar.succeeded() && ar.result().isPresent()) {
                ctx.put(Access.KEY, ar.result().get());
                ctx.next(); // the body handler resumes the request
                return;
            }
            resume(request);
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                refuse(ctx, "unknown or revoked token, or its holder is disabled", "This token is not accepted: it "
                        + "is unknown or revoked, or its holder is disabled");
            }
        });
    }

    private void refuse(RoutingContext ctx, String why, String message) {
        log.warn("Refused {} {} from {}: {}", ctx.request().method(), ctx.request().path(),
                Requests.remote(ctx.request()), why);
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        replies.json(ctx, 401, ApiError.of("http_401", message));
    }

    private static void resume(HttpServerRequest request) {
        try {
            request.resume(); // what is left of the body is read and dropped
        } catch (IllegalStateException ended) {
            // already read to the end: nothing to resume
        }
    }
}
