package app.highway.realtime;

import app.highway.config.Secret;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;

/**
 * Where the model sockets go and what they share: the endpoints' URLs (the Realtime API's, GPT-Live's) and
 * key, the one WebSocket client (on the relay loop), the JSON configuration, and the name the log gives the
 * endpoint. The same for every dialect.
 */
record ModelEndpoint(RealtimeSockets sockets, URI url, URI liveUrl, Secret apiKey, ObjectMapper json, String name) {
}
