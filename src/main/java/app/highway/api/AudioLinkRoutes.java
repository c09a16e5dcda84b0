package app.highway.api;

import app.highway.audiolink.AudioLinks;
import app.highway.audiolink.ListenEndpoint;
import app.highway.audiolink.TakeOverEndpoint;
import app.highway.call.Call;
import app.highway.call.CallLink;
import app.highway.call.CallService;
import app.highway.control.CallControls;
import app.highway.team.Actor;
import app.highway.team.Audit;
import app.highway.team.AuditAction;
import app.highway.team.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /calls/{id}/listen} and {@code GET /calls/{id}/takeover}: the call-audio link's WebSocket
 * upgrades (the protocol is {@link app.highway.audiolink}'s). The token was checked by {@link TokenGate};
 * here, before any socket exists, the call and the role: 404 no such call, 409 not live, 403 an agent's
 * token on a call they did not place (or any agent's take-over). Then the socket goes to
 * {@link AudioLinks}; the timeline and the audit log say who listened.
 */
final class AudioLinkRoutes implements ListenEndpoint.Hooks, TakeOverEndpoint.Hooks {
    private static final Logger log = LoggerFactory.getLogger(AudioLinkRoutes.class);

    private final CallService calls;
    private final CallControls controls;
    private final AudioLinks links;
    private final Audit audit;
    private final Replies replies;

    AudioLinkRoutes(CallService calls, CallControls controls, AudioLinks links, Audit audit, Replies replies) {
        this.calls = calls;
        this.controls = controls;
        this.links = links;
        this.audit = audit;
        this.replies = replies;
    }

    void listen(RoutingContext ctx) {
        Optional<CallLink> link = admit(ctx, false);
        if (link.isEmpty()) {
            return;
        }
        Authenticated who = Access.of(ctx);
        HttpServerRequest request = ctx.request();
        request.toWebSocket().onComplete(ar -> {
            if (ar.succeeded()) {
                links.listen(ar.result(), who, link.get(), this);
            } else {
                log.warn("Listen upgrade from {} failed: {}", Requests.remote(request), ar.cause().getMessage());
            }
        });
    }

    void takeOver(RoutingContext ctx) {
        Optional<CallLink> link = admit(ctx, true);
        if (link.isEmpty()) {
            return;
        }
        if (!link.get().answered()) {
            replies.json(ctx, 409, ApiError.of("not_answered", "Call " + link.get().call().id() + " has not been "
                    + "answered yet: there is nobody to speak to"));
            return;
        }
        String holder = link.get().takenOverBy();
        if (holder != null) {
            replies.json(ctx, 409, ApiError.of("taken_over", "Call " + link.get().call().id() + " is already taken "
                    + "over by " + holder));
            return;
        }
        Authenticated who = Access.of(ctx);
        HttpServerRequest request = ctx.request();
        request.toWebSocket().onComplete(ar -> {
            if (ar.succeeded()) {
                links.takeOver(ar.result(), who, link.get(), this);
            } else {
                log.warn("Take-over upgrade from {} failed: {}", Requests.remote(request), ar.cause().getMessage());
            }
        });
    }

    /**
     * The checks every audio-link upgrade passes: a WebSocket upgrade, a live call of this bridge, a person
     * who may (listen: whoever may see the call; take over: supervisors). Answers and returns empty if not.
     */
    private Optional<CallLink> admit(RoutingContext ctx, boolean takeOver) {
        String upgrade = ctx.request().getHeader("Upgrade");
        String path = takeOver ? "takeover" : "listen";
        if (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")) {
            ctx.response().putHeader("Upgrade", "websocket");
            replies.json(ctx, 426, ApiError.of("upgrade_required", "/calls/{id}/" + path + " is a WebSocket: connect "
                    + "with a WebSocket client (see the README's call-audio link)"));
            return Optional.empty();
        }
        String id = ctx.pathParam("id");
        Actor actor = Access.actor(ctx);
        Optional<Call> call = calls.find(id);
        if (call.isEmpty()) {
            elsewhere(ctx, actor, id, takeOver);
            return Optional.empty();
        }
        String placedBy = call.get().placedBy();
        if (takeOver && !actor.maySupervise()) {
            replies.json(ctx, 403, ApiError.of("forbidden", "Taking over a call is for supervisors and admins; "
                    + actor.describe() + " may not"));
            return Optional.empty();
        }
        if (!actor.maySee(placedBy)) {
            replies.json(ctx, 403, ApiError.of("forbidden", "Call " + call.get().id() + " was placed by " + placedBy
                    + ": " + actor.describe() + " listens only to the calls they placed"));
            return Optional.empty();
        }
        Optional<CallLink> link = calls.link(id);
        if (link.isEmpty()) {
            replies.json(ctx, 409, ApiError.of("not_live", "Call " + call.get().id() + " is not live ("
                    + call.get().state().wire() + ")"));
        }
        return link;
    }

    /** Not a call of this bridge: 409 naming the bridge of the fleet that holds it (the store is read off the loop), else 404. */
    private void elsewhere(RoutingContext ctx, Actor actor, String id, boolean takeOver) {
        replies.offLoop(() -> controls.otherBridges().find(id)).onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                replies.json(ctx, 404, ApiError.of("not_found", "No call " + id));
                return;
            }
            CallControls.OtherBridges.Held held = ar.result().get();
            if (takeOver ? !actor.maySupervise() : !actor.maySee(held.placedBy())) {
                replies.json(ctx, 403, ApiError.of("forbidden", actor.describe() + " may not "
                        + (takeOver ? "take over" : "listen to") + " call " + held.id()));
                return;
            }
            replies.json(ctx, 409, ApiError.of("held_elsewhere", "Call " + held.id() + " is held by bridge "
                    + held.bridge() + " of the fleet: its audio is there; open a console on that bridge"));
        });
    }

    @Override
    public void started(CallLink link, Authenticated who) {
        Call call = link.call();
        call.addListeners(1);
        call.supervisorAction("listen", who.actor().user(), "listening in");
        audit(who.actor(), AuditAction.LISTEN, call, "listening in, placed by " + call.placedBy());
    }

    @Override
    public void stopped(CallLink link, Authenticated who, long seconds, long dropped) {
        Call call = link.call();
        call.addListeners(-1);
        if (!call.isOver()) {
            call.supervisorAction("stop_listening", who.actor().user(), "after " + seconds + " s"
                    + (dropped > 0 ? " (" + dropped + " frames dropped on a slow connection)" : ""));
        }
    }

    @Override
    public void tookOver(CallLink link, Authenticated who) {
        audit(who.actor(), AuditAction.TAKE_OVER, link.call(), "speaking to the caller, placed by "
                + link.call().placedBy());
    }

    @Override
    public void handedBack(CallLink link, Authenticated who, Duration lasted) {
        audit(who.actor(), AuditAction.HAND_BACK, link.call(), "after " + lasted.toSeconds() + " s");
    }

    /** The audit log is written on the worker pool, never on the relay loop. */
    private void audit(Actor actor, AuditAction action, Call call, String detail) {
        replies.offLoop(() -> {
            audit.record(actor, action, call.id(), detail);
            return null;
        });
    }
}
