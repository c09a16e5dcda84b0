package app.highway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A headless bridge in a JVM of its own (for tests that kill it), started from the test's class path. */
public final class BridgeProcess {
    private BridgeProcess() {
    }

    /** Starts {@code Launcher --headless} with {@code env}, in {@code workDir}, logging to {@code bridge.log} there. */
    public static Process start(Map<String, String> env, Path workDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "app.highway.Launcher", "--headless");
        pb.environment().putAll(env);
        pb.directory(workDir.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(workDir.resolve("bridge.log").toFile());
        return pb.start();
    }

    /** Waits up to 30 s for {@code base}/health to answer 200. */
    public static void awaitHealthy(HttpClient http, String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the bridge process did not start");
    }
}
