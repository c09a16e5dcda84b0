package app.highway.remote;

import app.highway.ConsoleServices;
import app.highway.audiolink.AudioLinkClient;
import app.highway.audiolink.AudioLinkSession;
import app.highway.audiolink.AudioSink;
import app.highway.audiolink.AudioSource;
import app.highway.audiolink.LinkOutcome;
import app.highway.config.Json;
import app.highway.config.Secret;
import app.highway.team.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A supervisor's powers over the bridge's HTTP API ({@code POST /calls/{id}/whisper}, {@code say}, {@code mute},
 * {@code unmute}, {@code transfer}) and its call-audio link ({@code /calls/{id}/listen}, {@code /takeover}), as
 * the person whose token it holds. One implementation for both consoles: a remote console's, and the embedded
 * console's over loopback with the bridge's own token, so every power goes through the same role checks, audit
 * and timeline. The audio link's client (a small Vert.x of its own) starts with the first listen.
 */
public final class RemotePowers implements ConsoleServices.Powers, AutoCloseable {
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);
    private final BridgeHttp http;
    private final Secret token;
    private AudioLinkClient links;
    private boolean closed;

    RemotePowers(BridgeHttp http, Secret token) {
        this.http = http;
        this.token = token;
    }

    /** The powers on the bridge at {@code bridge} (the embedded console: {@code http://127.0.0.1:<port>}). */
    public static RemotePowers over(URI bridge, Secret token) {
        return new RemotePowers(new BridgeHttp(bridge, token, Json.mapper(), Duration.ofSeconds(15)), token);
    }

    private static String call(String id, String power) {
        return "/calls/" + BridgeHttp.encode(id) + "/" + power;
    }

    @Override
    public void whisper(String id, String text, boolean respond) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("respond", respond);
        http.post(call(id, "whisper"), body);
    }

    @Override
    public void say(String id, String text) {
        http.post(call(id, "say"), Map.of("text", text));
    }

    @Override
    public boolean mute(String id) {
        return muted(http.post(call(id, "mute"), null), true);
    }

    @Override
    public boolean unmute(String id) {
        return muted(http.post(call(id, "unmute"), null), false);
    }

    private static boolean muted(JsonNode answer, boolean otherwise) {
        JsonNode m = answer.get("muted");
        return m != null && m.isBoolean() ? m.asBoolean() : otherwise;
    }

    @Override
    public void transfer(String id, String to, boolean warm) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (to != null && !to.isBlank()) {
            body.put("to", to.trim());
        }
        body.put("warm", warm);
        http.post(call(id, "transfer"), body);
    }

    @Override
    public AudioLinkSession listen(String id, AudioSink output) {
        return opened(links().listen(id, output));
    }

    @Override
    public AudioLinkSession takeOver(String id, AudioSource input, AudioSink output) {
        return opened(links().takeOver(id, input, output));
    }

    private synchronized AudioLinkClient links() {
        if (closed) {
            throw new IllegalStateException("the console is closing");
        }
        if (links == null) {
            links = new AudioLinkClient(http.base(), token, OPEN_TIMEOUT);
        }
        return links;
    }

    /** Waits for the upgrade's answer; a refusal in the bridge's words, as for the HTTP powers. */
    private AudioLinkSession opened(java.util.concurrent.CompletableFuture<AudioLinkSession> opening) {
        try {
            return opening.get(OPEN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opening.thenAccept(AudioLinkSession::close);
            throw new BridgeUnavailable("Interrupted while opening the audio link", e);
        } catch (TimeoutException e) {
            opening.thenAccept(AudioLinkSession::close);
            throw new BridgeUnavailable("The bridge at " + http.base() + " did not open the audio link in time", e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof AudioLinkClient.AudioLinkRefused refused) {
                throw refusal(refused.outcome());
            }
            if (cause instanceof RuntimeException r) {
                throw r; // the audio device could not be opened: its own words
            }
            throw new BridgeUnavailable(cause.toString(), cause);
        }
    }

    static RuntimeException refusal(LinkOutcome outcome) {
        if (!(outcome instanceof LinkOutcome.Refused r)) {
            return new BridgeUnavailable(outcome.message(), null);
        }
        return switch (r.status()) {
            case 401 -> new Refusal(Refusal.Kind.FORBIDDEN, "unauthorized", r.message());
            case 403 -> Refusal.forbidden(r.message());
            case 404 -> new Refusal(Refusal.Kind.NOT_FOUND, "not_found", r.message());
            case 409 -> new Refusal(Refusal.Kind.CONFLICT, "conflict", r.message());
            case 400 -> new Refusal(Refusal.Kind.INVALID, "invalid", r.message());
            default -> new BridgeUnavailable("The bridge refused the audio link (HTTP " + r.status() + "): "
                    + r.message(), null);
        };
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (links != null) {
            links.close();
            links = null;
        }
    }
}
