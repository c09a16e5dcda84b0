package app.highway.realtime;

import app.highway.config.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;

/**
 * Opens model sockets for calls against one Realtime endpoint (OpenAI's, or the simulation's).
 * All of them share one WebSocket client (one selector, a small pool); {@link #close()} stops it.
 */
public final class RealtimeConnector implements AutoCloseable {
    private final URI url;
    private final Secret apiKey;
    private final ObjectMapper json;
    private final String endpointName;
    private final RealtimeSockets sockets = new RealtimeSockets();

    /** {@code endpointName} is what the log calls the endpoint: "OpenAI Realtime API" or the simulation. */
    public RealtimeConnector(URI url, Secret apiKey, ObjectMapper json, String endpointName) {
        this.endpointName = endpointName;
        this.url = url;
        this.apiKey = apiKey;
        this.json = json;
    }

    /** A socket not yet connected: keep the reference, then call {@link RealtimeClient#connect()}. */
    public RealtimeClient create(String model, RealtimeListener listener, String label) {
        return new RealtimeClient(sockets, url, model, apiKey, json, listener, label, endpointName);
    }

    @Override
    public void close() {
        sockets.close();
    }
}
