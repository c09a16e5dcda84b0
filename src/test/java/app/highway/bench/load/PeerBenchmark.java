package app.highway.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge side by side with Twilio's own Node sample ({@link NodeSample}), in one run, with one
 * generator ({@link LoadGenerator}: the same carriers, ticker, fake model and measurements). For
 * each step of N calls it runs the sample, then a fresh bridge, with the same settings; then one
 * extra step where the carriers offer {@code permessage-deflate} like a generic WebSocket client
 * (Twilio does not). Each figure is reported for both and as the ratio ours / sample.
 *
 * <p>{@code packaging/load-benchmark.sh [steps] [seconds] [warm-up]}; system properties
 * {@code load.warmup} (s, default 40 as for the load benchmark: the bridge's JIT warms up) and
 * {@code peer.deflateCalls} (default 100, 0 skips the deflate step). Writes {@code target/bench/peer.csv}, {@code peer-raw.csv} (every measurement of
 * both targets, the load benchmark's columns) and {@code peer.md}.
 */
public final class PeerBenchmark {
    private PeerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String steps = args.length > 0 ? args[0] : "1,50,100,200,500";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int warmup = Integer.getInteger("load.warmup", 40);
        int deflateCalls = Integer.getInteger("peer.deflateCalls", 100);
        NodeSample sample = NodeSample.prepare();
        LoadGenerator.log("peer: " + sample.description());
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        LoadGenerator generator = new LoadGenerator(warmup);
        List<PeerReport.Pair> plain = new ArrayList<>();
        List<PeerReport.Pair> deflate = new ArrayList<>();
        StringBuilder csv = new StringBuilder(PeerReport.csvHeader()).append('\n');
        StringBuilder raw = new StringBuilder("target,deflate_offered,").append(StepResult.CSV_HEADER).append('\n');
        List<int[]> plan = new ArrayList<>();
        for (String step : steps.split(",")) {
            plan.add(new int[] {Integer.parseInt(step.trim()), 0});
        }
        if (deflateCalls > 0) {
            plan.add(new int[] {deflateCalls, 1});
        }
        try {
            for (int[] step : plan) {
                int n = step[0];
                boolean offerDeflate = step[1] == 1;
                String label = n + " calls" + (offerDeflate ? ", permessage-deflate offered" : "");
                LoadGenerator.log("peer step " + label + ": Twilio's Node sample");
                StepResult theirs = null;
                String theirExtensions = "-";
                String theyBroke = null;
                try {
                    theirs = generator.sampleStep(sample, n, seconds, offerDeflate);
                    theirExtensions = generator.lastExtensions;
                    LoadGenerator.log("sample " + label + ": " + theirs.csv() + "; " + theirExtensions);
                } catch (Exception e) {
                    theyBroke = broke(e);
                    LoadGenerator.log("sample " + label + " broke: " + theyBroke);
                }
                LoadGenerator.log("peer step " + label + ": the bridge");
                StepResult ours = null;
                String ourExtensions = "-";
                String weBroke = null;
                try {
                    ours = generator.step(n, seconds, offerDeflate);
                    ourExtensions = generator.lastExtensions;
                    LoadGenerator.log("bridge " + label + ": " + ours.csv() + "; " + ourExtensions);
                } catch (Exception e) {
                    weBroke = broke(e);
                    LoadGenerator.log("bridge " + label + " broke: " + weBroke);
                }
                PeerReport.Pair pair = new PeerReport.Pair(n, offerDeflate, theirs, ours, ourExtensions,
                        theirExtensions, theyBroke, weBroke);
                (offerDeflate ? deflate : plain).add(pair);
                csv.append(PeerReport.csv(pair)).append('\n');
                if (pair.sample() != null) {
                    raw.append("sample,").append(offerDeflate).append(',').append(pair.sample().csv()).append('\n');
                }
                if (pair.ours() != null) {
                    raw.append("ours,").append(offerDeflate).append(',').append(pair.ours().csv()).append('\n');
                }
                Files.writeString(out.resolve("peer.csv"), csv);
                Files.writeString(out.resolve("peer-raw.csv"), raw);
                Files.writeString(out.resolve("peer.md"),
                        PeerReport.markdown(sample.description(), plain, deflate, seconds, warmup));
            }
        } finally {
            generator.close();
        }
        LoadGenerator.log("wrote " + out.resolve("peer.csv") + ", peer-raw.csv and peer.md");
        System.exit(0);
    }

    /** Why a side of a step broke, for the report: the setup's own words, or the exception. */
    private static String broke(Exception e) {
        return e instanceof LoadGenerator.SetupFailed ? e.getMessage() : e.toString();
    }
}
