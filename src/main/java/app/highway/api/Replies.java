package app.highway.api;

import app.highway.store.InvalidCursor;
import app.highway.team.Refusal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the API answers: JSON bodies (money rounded to 8 decimals), the {@link ApiError} body of every
 * failure with the status it stands for (a {@link Refusal} of the team's rules included), and work that may block run on the worker pool, its
 * {@link Reply} written back on the loop. One place, so that every route answers alike.
 */
final class Replies {
    // the API logs under one name, whichever of its classes writes the line
    private static final Logger log = LoggerFactory.getLogger(Replies.class);
    static final String JSON = "application/json";

    private final ObjectMapper out;
    private final WorkerExecutor workers;

    Replies(ObjectMapper out, WorkerExecutor workers) {
        this.out = out;
        this.workers = workers;
    }

    /** Runs {@code work} on a worker (never on the loop) and sends its reply, or its failure, when done. */
    void blocking(RoutingContext ctx, Callable<Reply> work) {
        workers.executeBlocking(work, false).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else if (!ctx.response().ended() && !ctx.response().closed()) {
                ar.result().send(ctx.response());
            }
        });
    }

    /** Runs {@code work} on a worker (never on the loop); the future completes back on the caller's context. */
    <T> Future<T> offLoop(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    void json(RoutingContext ctx, int status, Object body) {
        byte[] bytes;
        try {
            bytes = out.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            ctx.fail(e);
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(Buffer.buffer(bytes));
    }

    Reply jsonReply(int status, Object value) throws JsonProcessingException {
        return new Reply(status, JSON, Buffer.buffer(out.writeValueAsBytes(value)));
    }

    void notFound(RoutingContext ctx) {
        json(ctx, 404, ApiError.of("http_404", "Endpoint " + ctx.request().method().name() + " "
                + ctx.request().path() + " not found"));
    }

    /** A known path with the wrong method: 405, with the methods it does take in {@code Allow}. */
    void methodNotAllowed(RoutingContext ctx, String allow) {
        ctx.response().putHeader("Allow", allow);
        json(ctx, 405, ApiError.of("method_not_allowed", ctx.request().method().name() + " is not allowed on "
                + ctx.request().path() + "; allowed: " + allow));
    }

    /** Every failure becomes the API's JSON error body, with the status it stands for. */
    void failed(RoutingContext ctx) {
        if (ctx.failure() instanceof HttpClosedException || ctx.response().closed()) {
            log.debug("{} {}: the client went away before the answer", ctx.request().method(), ctx.request().path());
            return;
        }
        if (ctx.response().headWritten()) {
            log.debug("Failure after the answer began on {} {}", ctx.request().method(), ctx.request().path(),
                    ctx.failure());
            ctx.response().reset();
            return;
        }
        Throwable e = ctx.failure();
        if (e instanceof BadRequest bad) {
            json(ctx, bad.status(), ApiError.of(bad.error(), bad.getMessage()));
        } else if (e instanceof Refusal refused) {
            if (refused.kind() == Refusal.Kind.FORBIDDEN) {
                log.info("Refused {} {}: {}", ctx.request().method(), ctx.request().path(), refused.getMessage());
            }
            json(ctx, statusFor(refused.kind()), ApiError.of(refused.error(), refused.getMessage()));
        } else if (e instanceof InvalidCursor) {
            json(ctx, 400, ApiError.of("invalid_query", "cursor is not one this API gave out: pass "
                    + "the nextCursor of the previous page unchanged, or leave cursor out for the first page"));
        } else if (e instanceof HttpException http) {
            statusError(ctx, http.getStatusCode(), http.getPayload());
        } else if (e == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            statusError(ctx, ctx.statusCode(), null); // the body handler: 413; a broken query string: 400
        } else {
            log.error("Unhandled error on {} {}", ctx.request().method(), ctx.request().path(), e);
            json(ctx, 500, ApiError.of("internal_error", "The bridge failed to handle this request; see its log"));
        }
    }

    static int statusFor(Refusal.Kind kind) {
        return switch (kind) {
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
        };
    }

    private void statusError(RoutingContext ctx, int status, String message) {
        if (status == 413) {
            ctx.response().setStatusMessage("Payload Too Large");
        }
        String text = message != null && !message.isBlank() ? message
                : status == 413 ? "Content Too Large" : HttpResponseStatus.valueOf(status).reasonPhrase();
        json(ctx, status, ApiError.of("http_" + status, text));
    }
}
