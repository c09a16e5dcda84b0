package app.highway.bench.load;

import app.highway.support.FakeCarrier;
import app.highway.support.FakeTwilioRest;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark: runs N concurrent calls through a real bridge in its own JVM, over loopback.
 * This JVM plays Twilio (REST fake, status callbacks, one media stream per call with 20 ms μ-law
 * frames in real time) and OpenAI (a GA Realtime server speaking in 20 ms deltas), and measures
 * from outside: per-frame latency both ways, the bridge process's CPU per call-second and per
 * relayed frame, its memory and threads, and dropped or reordered frames. Its sockets run on
 * Vert.x event loops like the bridge's ({@link GeneratorVertx}) and a {@link Ticker} (two threads)
 * paces every sender, so that it takes as little of the machine as it can from the bridge it measures.
 *
 * <p>{@code mvn -B -q test-compile && java -cp "$(cat target/bench.classpath)" app.highway.bench.load.LoadGenerator
 * 1,10,50 20} — see {@code packaging/load-benchmark.sh --bridge-only}. Writes {@code target/bench/load.csv} and {@code load.md}.
 */
public final class LoadGenerator {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Ticker ticker = new Ticker();
    private final Metrics metrics = new Metrics();
    /** The carriers' and the fake model's sockets, on two event loops, to leave the CPU to the target. */
    private final GeneratorVertx sockets = new GeneratorVertx();

    /** What the last step's media sockets negotiated, and what its target offered the model (declined). */
    volatile String lastExtensions = "";

    /** Seconds the calls run before measuring: the bridge's JIT warms up, every first turn is under way. */
    private final int warmupSeconds;

    /**
     * Something attached to a step's bridge besides its calls (consoles on {@code /events}): told where the
     * bridge is once its calls are placed, and when the measured window starts and ends; closed after.
     */
    public interface Attachment extends AutoCloseable {
        void attach(String baseUrl, String token) throws Exception;

        default void windowStarted() {
        }

        default void windowEnded() {
        }

        @Override
        void close();
    }

    private Attachment attachment;
    /** Consoles listening in on each step's calls (main's {@code --listeners}); 0: none. */
    private int listeners;
    /** More environment for the step's bridge (a fleet's database), over the fakes'. */
    private Map<String, String> bridgeEnv = Map.of();

    LoadGenerator(int warmupSeconds) {
        this.warmupSeconds = warmupSeconds;
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = new ArrayList<>(List.of(args));
        int listeners = 0; // --listeners N: N consoles listen in on each step's calls (the call-audio link)
        int flag = rest.indexOf("--listeners");
        if (flag >= 0) {
            listeners = Integer.parseInt(rest.get(flag + 1));
            rest.subList(flag, flag + 2).clear();
        }
        listeners = Integer.getInteger("load.listeners", listeners);
        String steps = rest.size() > 0 ? rest.get(0) : "1,10,50,100,200";
        int seconds = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : 30;
        LoadGenerator generator = new LoadGenerator(Integer.getInteger("load.warmup", 10));
        generator.listeners = listeners;
        generator.run(steps, seconds);
        System.exit(0);
    }

    private void run(String steps, int seconds) throws Exception {
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        StringBuilder csv = new StringBuilder(StepResult.CSV_HEADER).append('\n');
        StringBuilder listenLines = new StringBuilder();
        List<StepResult> results = new ArrayList<>();
        for (String step : steps.split(",")) {
            int n = Integer.parseInt(step.trim());
            StepResult result;
            Listeners listening = listeners > 0 ? new Listeners(listeners) : null;
            attachment = listening;
            try {
                result = step(n, seconds);
            } catch (Exception e) {
                log("step " + n + " broke: " + e);
                Files.writeString(out.resolve("broke.txt"), "step " + n + ": " + e + "\n");
                break;
            } finally {
                if (listening != null) {
                    listening.close();
                }
            }
            if (listening != null) {
                long[] d = listening.delays();
                Arrays.sort(d);
                String heard = d.length == 0 ? "step " + n + ": no frame reached a listener " + listening.problem()
                        : String.format(java.util.Locale.ROOT, "step %d: %d listeners got %d frames; listen-in delay "
                                + "(bridge mixes → console receives) p50 %.2f ms, p99 %.2f ms; links ended early %d",
                                n, listeners, d.length, d[(int) Math.ceil(0.5 * d.length) - 1] / 1e6,
                                d[(int) Math.ceil(0.99 * d.length) - 1] / 1e6, listening.endedEarly());
                log(heard);
                listenLines.append("- ").append(heard).append('\n');
            }
            results.add(result);
            csv.append(result.csv()).append('\n');
            Files.writeString(out.resolve("load.csv"), csv);
            log("step " + n + ": " + result.csv());
            log("bridge CPU by thread (cores): " + result.threadCores() + "; generator ticks skipped so far: "
                    + ticker.skippedTicks());
        }
        Files.writeString(out.resolve("load.md"), LoadReport.markdown(results) + (listenLines.length() == 0 ? ""
                : "\n## With " + listeners + " consoles listening in\n\n" + listenLines));
        LoadChart.write(results, out.resolve("load.png"));
        log("wrote " + out.resolve("load.csv") + ", load.md and load.png");
        close();
    }

    /** One step of N calls for {@code seconds}, measured from outside; {@code LoadRegressionBench} runs it too. */
    public static StepResult measure(int calls, int seconds) throws Exception {
        return measure(calls, seconds, 3, null);
    }

    /** As {@link #measure(int, int)}, after {@code warmupSeconds}, with {@code attachment} (if any) attached. */
    public static StepResult measure(int calls, int seconds, int warmupSeconds, Attachment attachment)
            throws Exception {
        return measure(calls, seconds, warmupSeconds, attachment, Map.of());
    }

    /** As {@link #measure(int, int, int, Attachment)}, the bridge started with {@code bridgeEnv} too. */
    public static StepResult measure(int calls, int seconds, int warmupSeconds, Attachment attachment,
            Map<String, String> bridgeEnv) throws Exception {
        LoadGenerator generator = new LoadGenerator(warmupSeconds);
        generator.attachment = attachment;
        generator.bridgeEnv = Map.copyOf(bridgeEnv);
        try {
            return generator.step(calls, seconds);
        } finally {
            generator.close();
            if (attachment != null) {
                attachment.close();
            }
        }
    }

    private StepResult step(int calls, int seconds) throws Exception {
        return step(calls, seconds, false);
    }

    /** N calls placed through a fresh bridge, the carriers offering {@code permessage-deflate} or not (as Twilio). */
    StepResult step(int calls, int seconds, boolean offerDeflate) throws Exception {
        try (FakeTwilioRest twilio = new FakeTwilioRest()) {
            LoadModelServer model = new LoadModelServer(sockets.vertx(), ticker, metrics);
            model.start();
            int port = freePort();
            Path data = Files.createTempDirectory("highway-load");
            long launched = System.nanoTime();
            Process bridge = startBridge(port, model.url(), twilio.baseUrl(), data);
            List<CarrierStream> streams = new ArrayList<>();
            try {
                String base = "http://127.0.0.1:" + port;
                awaitHealthy(base, "/health");
                double coldStartMs = (System.nanoTime() - launched) / 1e6;
                List<Long> postToTwilio = new ArrayList<>();
                FakeCarrier statuses = new FakeCarrier(FakeTwilioRest.AUTH_TOKEN);
                for (int i = 0; i < calls; i++) {
                    long posted = System.nanoTime();
                    HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(base + "/call-customer"))
                            .header("Authorization", "Bearer load").header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+1555" + String.format("%07d", i)
                                    + "\",\"verification\":123456}")).build(), HttpResponse.BodyHandlers.ofString());
                    if (placed.statusCode() != 201) {
                        throw new IllegalStateException("call " + i + " not placed: " + placed.body());
                    }
                    String sid = json.readTree(placed.body()).path("callSid").asText();
                    FakeTwilioRest.Received created = twilio.awaitCreatedCall();
                    postToTwilio.add(created.receivedNanos() - posted);
                    String twiml = created.param("Twiml");
                    statuses.status(base + "/twilio/status", sid, "ringing");
                    statuses.status(base + "/twilio/status", sid, "in-progress");
                    streams.add(new CarrierStream(i, sid, twiml, metrics, ticker));
                }
                if (attachment != null) {
                    attachment.attach(base, "load");
                }
                StepResult r = measureWindow(bridge, true, calls, seconds, streams, offerDeflate, launched,
                        coldStartMs, postToTwilio, data.resolve("gc.log"), port, model.url().getPort());
                lastExtensions = extensions(streams, model);
                return r;
            } finally {
                streams.forEach(CarrierStream::stop);
                bridge.destroy();
                bridge.waitFor(10, TimeUnit.SECONDS);
                bridge.destroyForcibly();
                model.close();
            }
        }
    }

    /**
     * N calls through a fresh Twilio Node sample ({@link NodeSample}): its model socket goes to the
     * same fake model, the carriers connect straight to its {@code /media-stream} (it places no calls
     * and checks no token), with the same frames, pacing and measurements as the bridge's step.
     */
    StepResult sampleStep(NodeSample sample, int calls, int seconds, boolean offerDeflate) throws Exception {
        LoadModelServer model = new LoadModelServer(sockets.vertx(), ticker, metrics);
        model.start();
        int port = freePort();
        Path data = Files.createTempDirectory("highway-peer");
        long launched = System.nanoTime();
        Process node = sample.start(port, model.url(), data.resolve("sample.log"));
        List<CarrierStream> streams = new ArrayList<>();
        try {
            awaitHealthy("http://127.0.0.1:" + port, "/");
            double coldStartMs = (System.nanoTime() - launched) / 1e6;
            URI media = URI.create("ws://127.0.0.1:" + port + "/media-stream");
            for (int i = 0; i < calls; i++) {
                streams.add(CarrierStream.direct(i, media, metrics, ticker));
            }
            StepResult r = measureWindow(node, false, calls, seconds, streams, offerDeflate, launched, coldStartMs,
                    List.of(), data.resolve("no-gc.log"), port, model.url().getPort());
            lastExtensions = extensions(streams, model);
            return r;
        } finally {
            streams.forEach(CarrierStream::stop);
            node.destroy();
            node.waitFor(10, TimeUnit.SECONDS);
            node.destroyForcibly();
            model.close();
        }
    }

    private static String extensions(List<CarrierStream> streams, LoadModelServer model) {
        return "media socket: accepted " + String.join(" / ", streams.stream().map(s -> s.negotiatedExtensions)
                .distinct().toList()) + "; model socket: offered " + model.offeredExtensions + ", the fake model declines";
    }

    /**
     * Connects the streams, warms up, then measures the target process from outside for {@code seconds}; then,
     * the calls still running, the relay's own holds from a loopback capture ({@link LoopbackCapture}).
     */
    private StepResult measureWindow(Process target, boolean jvm, int calls, int seconds, List<CarrierStream> streams,
            boolean offerDeflate, long launched, double coldStartMs, List<Long> postToTwilio, Path gcLog, int relayPort,
            int modelPort) throws Exception {
        long setup = System.nanoTime();
        for (int i = 0; i < streams.size(); i++) {
            try {
                streams.get(i).connect(offerDeflate ? sockets.deflateCarriers : sockets.carriers);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new SetupFailed(String.format(Locale.ROOT,
                        "only %d of %d calls connected: the handshake of call %d was not answered within %d s "
                                + "(%.0f s into the setup; %s)", i, calls, i + 1, CarrierStream.CONNECT_SECONDS,
                        (System.nanoTime() - setup) / 1e9, e.getCause() != null ? e.getCause() : e));
            }
        }
        Thread.sleep(Math.max(3, warmupSeconds) * 1000L); // sockets open, first turns under way, JIT warm
        List<Long> firstAudio = new ArrayList<>();
        for (CarrierStream s : streams) {
            if (s.firstAudioNanos > 0) {
                firstAudio.add(s.firstAudioNanos - s.startSentNanos);
            }
        }
        long pid = target.pid();
        Set<Long> measured = new HashSet<>(List.of(pid, ProcessHandle.current().pid()));
        target.descendants().forEach(d -> measured.add(d.pid()));
        metrics.reset();
        Map<String, Long> others0 = OtherProcesses.snapshot(measured);
        long cpu0 = processCpuNanos(pid);
        Map<String, Long> threads0 = ThreadCpu.byGroup(pid);
        long gen0 = generatorCpuNanos();
        long t0 = System.nanoTime();
        metrics.start();
        if (attachment != null) {
            attachment.windowStarted();
        }
        Thread.sleep(seconds * 1000L);
        metrics.stopSending();
        if (attachment != null) {
            attachment.windowEnded();
        }
        long cpu1 = processCpuNanos(pid);
        Map<String, Long> threads1 = ThreadCpu.byGroup(pid);
        long gen1 = generatorCpuNanos();
        Map<String, Long> others1 = OtherProcesses.snapshot(measured);
        long t1 = System.nanoTime();
        double wall = (t1 - t0) / 1e9;
        Thread.sleep(1000);
        metrics.finish();
        int threads = threads(pid);
        long rssMb = rssKb(pid) / 1024;
        double heapMb = jvm ? heapAfterGcMb(pid) : -1;
        double nativeMb = jvm ? nativeCommittedMb(pid) : -1;
        GcLog gc = GcLog.read(gcLog, (t0 - launched) / 1e9, (t1 - launched) / 1e9);
        double cores = (cpu1 - cpu0) / 1e9 / wall;
        double genCores = (gen1 - gen0) / 1e9 / wall;
        RelayHold hold = LoopbackCapture.holds(relayPort, modelPort); // after the window, the calls still running
        if (hold != null) {
            log("relay holds (" + (jvm ? "bridge" : "sample") + ", " + LoopbackCapture.SECONDS + " s captured): "
                    + hold.describe());
        }
        return new StepResult(calls, metrics.up(), metrics.down(), metrics.upSentCount(),
                metrics.upSentCount() - metrics.upReceived(), metrics.downSentCount(),
                metrics.downSentCount() - metrics.downReceived(), metrics.reordered(), 100 * cores / calls,
                cores, rssMb, heapMb, threads, genCores, coldStartMs, percentileMs(postToTwilio, 50),
                percentileMs(postToTwilio, 100), percentileMs(firstAudio, 50), percentileMs(firstAudio, 100),
                ThreadCpu.coresBetween(threads0, threads1, wall), nativeMb, gc, hold,
                OtherProcesses.coresBetween(others0, others1, wall));
    }

    /** A step whose calls could not all be set up: the target did not keep up with the connections. */
    static final class SetupFailed extends Exception {
        SetupFailed(String message) {
            super(message);
        }
    }

    void close() {
        ticker.close();
        sockets.close();
    }

    private Process startBridge(int port, URI realtime, URI twilioBase, Path data) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xlog:gc:file=" + data.resolve("gc.log"),
                "-XX:NativeMemoryTracking=summary"));
        cmd.addAll(bridgeJvmOptions());
        String jfr = System.getProperty("load.jfr");
        if (jfr != null) {
            cmd.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "app.highway.Launcher", "--headless"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.putAll(app.highway.support.BridgeHarness.fakeEnv(realtime, twilioBase, port, "load", data));
        env.put("TWILIO_CALLS_PER_SECOND", "100");
        env.putAll(bridgeEnv);
        pb.directory(data.toFile());
        pb.redirectErrorStream(true);
        pb.redirectOutput(data.resolve("bridge.log").toFile());
        return pb.start();
    }

    /**
     * The bridge's JVM options: {@code load.bridgeArgs} when set (even empty), else the ones a server
     * runs with ({@code packaging/server-jvm-options}), so that the benchmark measures the bridge as it is run.
     */
    static List<String> bridgeJvmOptions() throws IOException {
        String given = System.getProperty("load.bridgeArgs");
        if (given != null) {
            return given.isBlank() ? List.of() : List.of(given.trim().split("\\s+"));
        }
        Path shipped = Path.of("packaging", "server-jvm-options");
        if (!Files.exists(shipped)) {
            return List.of();
        }
        return Files.readAllLines(shipped).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    private void awaitHealthy(String base, String path) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(base + " did not start");
    }

    private static long processCpuNanos(long pid) throws IOException {
        String[] f = Files.readString(Path.of("/proc/" + pid + "/stat")).split("\\) ")[1].split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime + stime
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    private static int threads(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("Threads:")) {
                return Integer.parseInt(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** Heap in use right after a full GC in the bridge (jcmd GC.run, then GC.heap_info). */
    private static double heapAfterGcMb(long pid) {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").start().waitFor(20, TimeUnit.SECONDS);
            Process info = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").start();
            String text = new String(info.getInputStream().readAllBytes());
            Matcher m = Pattern.compile("used (\\d+)K").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Native memory the bridge JVM has committed (NMT total: heap, threads, code, metaspace, buffers). */
    private static double nativeCommittedMb(long pid) {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "VM.native_memory", "summary").start();
            String text = new String(p.getInputStream().readAllBytes());
            Path out = Path.of("target", "bench", "nmt-" + pid + ".txt"); // by category: where the memory goes
            Files.createDirectories(out.getParent());
            Files.writeString(out, text);
            Matcher m = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB").matcher(text);
            return m.find() ? Long.parseLong(m.group(1)) / 1024.0 : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double percentileMs(List<Long> nanos, double p) {
        if (nanos.isEmpty()) {
            return -1;
        }
        List<Long> s = new ArrayList<>(nanos);
        java.util.Collections.sort(s);
        int i = (int) Math.min(s.size() - 1, Math.max(0, Math.ceil(p / 100 * s.size()) - 1));
        return s.get(i) / 1e6;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void log(String s) {
        System.err.println("[load] " + s);
    }
}
