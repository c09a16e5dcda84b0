package app.highway.realtime;

import java.net.URI;

/**
 * OpenAI's GPT-Live ({@code gpt-live-*} models): one WebSocket at {@code /v1/live/sessions} with no query
 * parameters, {@code Authorization: Bearer}; events as {@link LiveConnection} writes and reads them
 * ({@link LiveEvents}). The URL is the Realtime endpoint's host with GPT-Live's path
 * ({@code wss://api.openai.com/v1/live/sessions} by default; the simulation's and the test fakes' own host,
 * so {@code OPENAI_REALTIME_URL} moves both).
 */
final class LiveDialect implements ModelDialect {
    static final String PATH = "/v1/live/sessions";

    /** True for the model names that speak GPT-Live. */
    static boolean isLive(String model) {
        return RealtimeDialect.isGptLive(model);
    }

    @Override
    public boolean speaks(String model) {
        return isLive(model);
    }

    @Override
    public ModelConnection create(ModelEndpoint endpoint, String model, ModelListener listener, String label) {
        LiveConnection connection = new LiveConnection(endpoint.json(), listener, label);
        connection.attach(new RealtimeSocket(endpoint.sockets(), endpoint.liveUrl(), endpoint.apiKey(), connection,
                label, endpoint.name().replace("Realtime API", "GPT-Live API").replace("Realtime model", "GPT-Live model")));
        return connection;
    }

    /** GPT-Live's URL on the host of {@code realtimeUrl} (same scheme, host and port; path {@link #PATH}, no query). */
    static URI beside(URI realtimeUrl) {
        String port = realtimeUrl.getPort() < 0 ? "" : ":" + realtimeUrl.getPort();
        return URI.create(realtimeUrl.getScheme() + "://" + realtimeUrl.getHost() + port + PATH);
    }
}
