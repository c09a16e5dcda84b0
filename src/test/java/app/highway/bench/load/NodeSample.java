package app.highway.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Twilio's own Node sample (speech-assistant-openai-realtime-api-node: fastify + ws, MIT), the peer
 * the bridge is measured against ({@link PeerBenchmark}). Its source is read-only and never part of
 * this repository: it is copied to {@code target/peers/twilio-node} (git-ignored) and {@code npm ci}
 * runs there once; each step then starts {@code node index.js} as a child process with {@code PORT},
 * a dummy {@code OPENAI_API_KEY} and {@code OPENAI_REALTIME_URL} pointing at the fake model.
 *
 * <p>Where the source is: {@code -Dpeer.sampleDir}, else {@code TWILIO_NODE_SAMPLE_DIR}, else
 * {@code ../shared/peers/twilio-node} (or {@code ../../shared/…} from a worktree) next to the clone.
 */
final class NodeSample {
    static final Path COPY = Path.of("target", "peers", "twilio-node");
    private static final String SOURCE_MARK = ".copied-from";
    private final Path dir;
    private final String description;

    private NodeSample(Path dir, String description) {
        this.dir = dir;
        this.description = description;
    }

    /** Copies the sample (when the copy is missing or came from elsewhere) and installs its dependencies. */
    static NodeSample prepare() throws IOException, InterruptedException {
        Path source = locate();
        Path copy = COPY.toAbsolutePath();
        Path mark = copy.resolve(SOURCE_MARK);
        boolean fresh = Files.isRegularFile(mark) && Files.readString(mark).equals(source.toString())
                && Files.isDirectory(copy.resolve("node_modules"))
                && sameFile(source.resolve("index.js"), copy.resolve("index.js"))
                && sameFile(source.resolve("package-lock.json"), copy.resolve("package-lock.json"));
        if (!fresh) {
            LoadGenerator.log("copying Twilio's Node sample from " + source + " to " + copy);
            deleteTree(copy);
            copyTree(source, copy);
            run(copy, "npm", "ci", "--no-audit", "--no-fund");
            Files.writeString(mark, source.toString());
        }
        String description = "Twilio's Node sample from " + source + " (node " + output(copy, "node", "--version").trim()
                + ", fastify " + version(copy, "fastify") + ", ws " + version(copy, "ws") + ", @fastify/websocket "
                + version(copy, "@fastify/websocket") + ")";
        return new NodeSample(copy, description);
    }

    /** What is measured: source, node and library versions. */
    String description() {
        return description;
    }

    /** Starts {@code node index.js} on {@code port}, its model socket to {@code realtime}; output to {@code log}. */
    Process start(int port, URI realtime, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", "index.js");
        pb.directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.put("PORT", String.valueOf(port));
        env.put("OPENAI_API_KEY", "sk-bench-not-a-key");
        env.put("OPENAI_REALTIME_URL", realtime.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    private static Path locate() {
        String configured = System.getProperty("peer.sampleDir", System.getenv("TWILIO_NODE_SAMPLE_DIR"));
        List<Path> candidates = configured != null && !configured.isBlank() ? List.of(Path.of(configured))
                : List.of(Path.of("..", "shared", "peers", "twilio-node"), Path.of("..", "..", "shared", "peers",
                        "twilio-node"));
        for (Path c : candidates) {
            if (Files.isRegularFile(c.resolve("index.js")) && Files.isRegularFile(c.resolve("package.json"))) {
                return c.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Twilio's Node sample not found in " + candidates
                + " (set TWILIO_NODE_SAMPLE_DIR to a copy of twilio-samples/speech-assistant-openai-realtime-api-node)");
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.isRegularFile(a) && Files.isRegularFile(b) && Files.mismatch(a, b) == -1;
    }

    /** Copies the sample's own files (not its node_modules or .git), writable, so that npm ci can run in the copy. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().startsWith("node_modules")
                        || (rel.toString().startsWith(".git") && !rel.toString().equals(".gitignore"))) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().setWritable(true, true);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all.sorted(java.util.Comparator.reverseOrder())::iterator) {
                p.toFile().setWritable(true, true);
                Files.delete(p);
            }
        }
    }

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed in " + dir);
        }
    }

    private static String output(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }

    private static String version(Path dir, String module) {
        try {
            String pkg = Files.readString(dir.resolve("node_modules").resolve(module).resolve("package.json"));
            Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(pkg);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "?";
        }
    }
}
