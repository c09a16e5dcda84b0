package app.highway.bench.load;

import app.highway.audiolink.AudioFrame;
import app.highway.audiolink.AudioLinkClient;
import app.highway.audiolink.AudioLinkSession;
import app.highway.audiolink.AudioSink;
import app.highway.audiolink.LinkDelay;
import app.highway.config.Secret;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * N consoles listening in on a step's bridge ({@code /calls/{id}/listen}, the call-audio link), spread evenly
 * over its live calls, through the console's own client ({@link AudioLinkClient}). Each frame is timed from the
 * bridge's clock on it to its arrival here (the same machine's clock): the listen-in delay without the speakers'
 * jitter buffer (which adds its start depth, 60 ms, by design). Only frames inside the measured window count.
 */
public final class Listeners implements LoadGenerator.Attachment {
    private final int count;
    private final List<AudioLinkSession> sessions = new ArrayList<>();
    private AudioLinkClient client;
    private volatile boolean timing;
    private long[] delays = new long[1 << 16];
    private int n;
    private long framesInWindow;
    private volatile String problem = "";
    private volatile long endedEarly;

    public Listeners(int count) {
        this.count = count;
    }

    @Override
    public void attach(String baseUrl, String token) throws Exception {
        HttpResponse<String> live = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl
                + "/calls?state=in-progress&limit=500")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode calls = new ObjectMapper().readTree(live.body()).path("calls");
        List<String> ids = new ArrayList<>();
        calls.forEach(c -> ids.add(c.path("id").asText()));
        if (ids.isEmpty()) {
            throw new IllegalStateException("no live call to listen to: " + live.body());
        }
        client = new AudioLinkClient(URI.create(baseUrl), Secret.of(token), Duration.ofSeconds(15));
        for (int i = 0; i < count; i++) {
            String id = ids.get((int) ((long) i * ids.size() / count)); // spread over the calls
            try {
                sessions.add(client.listen(id, new Timer()).get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                problem = "listener " + i + " on " + id + " refused: " + e.getMessage();
                throw e;
            }
        }
    }

    /** A sink that times each frame as it arrives. */
    private final class Timer implements AudioSink {
        @Override
        public void open(Consumer<AudioFrame> handed) {
        }

        @Override
        public void play(AudioFrame frame) {
            if (!timing) {
                return;
            }
            long delayMicros = LinkDelay.nowMicros() - frame.micros();
            synchronized (Listeners.this) {
                framesInWindow++;
                if (n == delays.length) {
                    delays = Arrays.copyOf(delays, n * 2);
                }
                delays[n++] = delayMicros * 1000;
            }
        }

        @Override
        public void close() {
        }
    }

    @Override
    public void windowStarted() {
        timing = true;
    }

    @Override
    public void windowEnded() {
        timing = false;
        // counted now: once the step is over its bridge is stopped, and every link ends
        endedEarly = sessions.stream().filter(s -> s.outcome().isDone()).count();
    }

    /** The delays (nanoseconds) of the frames received in the window. */
    public synchronized long[] delays() {
        return Arrays.copyOf(delays, n);
    }

    public synchronized long framesInWindow() {
        return framesInWindow;
    }

    /** Links that had ended (dropped, refused) by the end of the measured window. */
    public long endedEarly() {
        return endedEarly;
    }

    public int count() {
        return count;
    }

    public String problem() {
        return problem;
    }

    @Override
    public void close() {
        sessions.forEach(AudioLinkSession::close);
        if (client != null) {
            client.close();
        }
    }
}
