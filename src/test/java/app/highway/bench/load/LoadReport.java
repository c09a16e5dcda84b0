package app.highway.bench.load;

import java.util.List;
import java.util.Locale;

/** The Markdown report of a load run: one table row per step, then where the bridge's CPU went. */
final class LoadReport {
    private LoadReport() {
    }

    static String markdown(List<StepResult> results) {
        StringBuilder md = new StringBuilder("| calls | carrier→model p50 / p99 / max (ms) | model→carrier p50 / p99 / max (ms) "
                + "| lost up / down | reordered | bridge CPU % of a core per call | bridge cores | RSS MB "
                + "| heap after GC MB (per call) | threads | generator cores | cold start to listening (ms) "
                + "| POST → Twilio REST p50 / max (ms) | stream start → first audio p50 / max (ms) |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (StepResult r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %.2f / %.2f / %.1f | %.2f / %.2f / %.1f | %d / %d | %d | %.3f "
                            + "| %.2f | %d | %.1f (%.2f) | %d | %.2f | %.0f | %.1f / %.1f | %.1f / %.1f |%n", r.calls(),
                    r.up()[0], r.up()[2], r.up()[3], r.down()[0], r.down()[2], r.down()[3], r.upLost(), r.downLost(),
                    r.reordered(), r.cpuPctPerCall(), r.bridgeCores(), r.rssMb(), r.heapAfterGcMb(),
                    r.heapPerCallMb(), r.threads(), r.generatorCores(), r.coldStartMs(), r.postToTwilioP50Ms(),
                    r.postToTwilioMaxMs(), r.firstAudioP50Ms(), r.firstAudioMaxMs()));
        }
        md.append("\n| calls | native memory committed MB (per call) | young GC pauses per min | longest GC pause ms "
                + "| allocation MB/s | allocated bytes per relayed frame | bridge CPU µs per relayed frame "
                + "| carriers kept real time (%) |\n|---|---|---|---|---|---|---|---|\n");
        for (StepResult r : results) {
            md.append(String.format(Locale.ROOT, "| %d | %.0f (%.2f) | %.1f | %.2f | %.1f | %.0f | %.1f | %.1f |%n",
                    r.calls(), r.nativeCommittedMb(), r.nativeCommittedMb() / r.calls(), r.gc().pausesPerMinute(),
                    r.gc().maxPauseMs(), r.gc().allocationMbPerSecond(), r.allocationBytesPerFrame(),
                    r.bridgeMicrosPerFrame(), r.carrierRealTimePct()));
        }
        md.append("\nBridge CPU by thread group (cores), per step:\n\n");
        for (StepResult r : results) {
            md.append("- ").append(r.calls()).append(" calls: ").append(r.threadCores()).append("; other processes: ")
                    .append(r.otherCores()).append('\n');
        }
        if (results.stream().anyMatch(r -> r.hold() != null)) {
            md.append("\nThe bridge's own hold per frame (loopback capture of ").append(LoopbackCapture.SECONDS)
                    .append(" s after each window):\n\n");
            for (StepResult r : results) {
                md.append("- ").append(r.calls()).append(" calls: ")
                        .append(r.hold() == null ? "not captured" : r.hold().describe()).append('\n');
            }
        }
        md.append("\n![latency and CPU per call](load.png)\n");
        return md.toString();
    }
}
