package app.highway.api;

import app.highway.team.Actor;
import app.highway.team.Authenticated;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is acting on a request, as {@link TokenGate} found them: every route behind the gate reads it
 * from here (on the loop, before handing work to the pool) and decides what that person may do.
 */
final class Access {
    /** Where the gate leaves who presented the request's token. */
    static final String KEY = "highway.authenticated";

    private Access() {
    }

    static Authenticated of(RoutingContext ctx) {
        Authenticated who = ctx.get(KEY);
        if (who == null) {
            throw new IllegalStateException("No token was checked for " + ctx.request().path());
        }
        return who;
    }

    static Actor actor(RoutingContext ctx) {
        return of(ctx).actor();
    }
}
