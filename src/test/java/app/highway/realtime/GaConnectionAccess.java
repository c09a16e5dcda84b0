package app.highway.realtime;

import app.highway.config.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;

/** Lets benchmarks hand server messages straight to a GA connection, as its socket would. */
public final class GaConnectionAccess {
    /** {@code message[0, length)}: one whole server event, UTF-8. */
    public interface Inbound {
        void receive(byte[] message, int length);
    }

    private GaConnectionAccess() {
    }

    /** A connection that is never connected (commands are dropped) whose events go to {@code listener}. */
    public static Inbound unconnected(ObjectMapper json, ModelListener listener) {
        GaConnection connection = new GaConnection(json, listener, "bench");
        connection.attach(new RealtimeSocket(null, URI.create("ws://localhost/"), Secret.of("k"), connection, "bench",
                "bench"));
        return connection::onMessage;
    }
}
