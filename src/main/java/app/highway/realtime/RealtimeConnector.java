package app.highway.realtime;

import app.highway.config.Secret;
import app.highway.transport.Transport;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Opens model connections for calls against one Realtime endpoint (OpenAI's, or the simulation's),
 * in the dialect that speaks the call's model. All sockets share one Vert.x WebSocket client and run
 * on the transport's relay loop; {@link #close()} stops the client (the transport is the caller's).
 */
public final class RealtimeConnector implements AutoCloseable {
    /** Asked in order; the first that speaks the model wins. GA last: it takes every model. */
    private static final List<ModelDialect> DIALECTS = List.of(new LiveDialect(), new GaDialect());

    private final ModelEndpoint endpoint;
    private final Executor relay;

    /** {@code endpointName} is what the log calls the endpoint: "OpenAI Realtime API" or the simulation. */
    public RealtimeConnector(Transport transport, URI url, Secret apiKey, ObjectMapper json, String endpointName) {
        this(transport, url, null, apiKey, json, endpointName);
    }

    /**
     * {@code liveUrl}: GPT-Live's endpoint ({@code OPENAI_LIVE_URL}), or null for the one beside {@code url}
     * (its host, path {@code /v1/live/sessions}).
     */
    public RealtimeConnector(Transport transport, URI url, URI liveUrl, Secret apiKey, ObjectMapper json,
            String endpointName) {
        this.endpoint = new ModelEndpoint(new RealtimeSockets(transport), url,
                liveUrl != null ? liveUrl : LiveDialect.beside(url), apiKey, json, endpointName);
        this.relay = task -> transport.relay().runOnContext(v -> task.run());
    }

    /**
     * Runs a task on the relay loop, the thread every model socket's events (and the media sockets') are
     * handled on: a call's own work from another thread (a supervisor's command) then never overlaps them.
     */
    public Executor relay() {
        return relay;
    }

    /** A connection not yet connected: keep the reference, then call {@link ModelConnection#connect()}. */
    public ModelConnection create(String model, ModelListener listener, String label) {
        for (ModelDialect dialect : DIALECTS) {
            if (dialect.speaks(model)) {
                return dialect.create(endpoint, model, listener, label);
            }
        }
        throw new IllegalArgumentException("No dialect speaks to model " + model);
    }

    @Override
    public void close() {
        endpoint.sockets().close();
    }
}
