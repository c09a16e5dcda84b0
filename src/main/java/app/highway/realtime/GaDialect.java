package app.highway.realtime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAI Realtime API, GA dialect: {@code ?model=} in the URL, {@code Authorization: Bearer},
 * no beta header; events as {@link GaConnection} writes and reads them. Speaks to every model not
 * claimed by another dialect (the gpt-realtime family and the simulation).
 */
final class GaDialect implements ModelDialect {
    @Override
    public boolean speaks(String model) {
        return true;
    }

    @Override
    public ModelConnection create(ModelEndpoint endpoint, String model, ModelListener listener, String label) {
        URI base = endpoint.url();
        String separator = base.getQuery() == null ? "?" : "&";
        URI uri = URI.create(base + separator + "model=" + URLEncoder.encode(model, StandardCharsets.UTF_8));
        GaConnection connection = new GaConnection(endpoint.json(), listener, label);
        connection.attach(new RealtimeSocket(endpoint.sockets(), uri, endpoint.apiKey(), connection, label,
                endpoint.name()));
        return connection;
    }
}
