package app.highway.bench.load;

import java.util.Locale;
import java.util.Map;

/**
 * What one load step measured. Latencies in ms as {p50, p90, p99, max}; CPU as cores (1.0 = one
 * core busy) over the measured window; {@code threadCores} splits the bridge's CPU by thread group;
 * {@code hold} is the relay's own share of the latency, from a loopback capture after the window (null when
 * not captured); {@code otherCores} is what every other process on the machine took during the window.
 */
public record StepResult(int calls, double[] up, double[] down, long upSent, long upLost, long downSent,
        long downLost, long reordered, double cpuPctPerCall, double bridgeCores, long rssMb, double heapAfterGcMb,
        int threads, double generatorCores, double coldStartMs, double postToTwilioP50Ms, double postToTwilioMaxMs,
        double firstAudioP50Ms, double firstAudioMaxMs, Map<String, Double> threadCores, double nativeCommittedMb,
        GcLog gc, RelayHold hold, Map<String, Double> otherCores) {

    static final String CSV_HEADER = "calls,up_p50_ms,up_p90_ms,up_p99_ms,up_max_ms,down_p50_ms,down_p90_ms,"
            + "down_p99_ms,down_max_ms,up_sent,up_lost,down_sent,down_lost,reordered,bridge_cpu_pct_per_call,"
            + "bridge_cpu_cores,bridge_rss_mb,bridge_heap_after_gc_mb,bridge_threads,generator_cpu_cores,"
            + "cold_start_ms,post_to_twilio_p50_ms,post_to_twilio_max_ms,start_to_first_audio_p50_ms,"
            + "start_to_first_audio_max_ms,native_committed_mb,gc_pauses_per_min,gc_max_pause_ms,"
            + "allocation_mb_per_s,allocation_bytes_per_frame,bridge_cpu_us_per_frame,carrier_real_time_pct,"
            + "up_hold_p50_ms,up_hold_p99_ms,up_hold_p999_ms,down_hold_p50_ms,down_hold_p99_ms,down_hold_p999_ms,"
            + "other_processes_cores";

    /** All other processes' CPU during the window, in cores. */
    public double otherCoresTotal() {
        return otherCores.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** Bytes the bridge allocates per relayed frame (both directions), from the GC log. */
    public double allocationBytesPerFrame() {
        double framesPerSecond = (upSent + downSent) / Math.max(1e-9, gc.windowSeconds());
        return framesPerSecond <= 0 ? 0 : gc.allocationMbPerSecond() * 1024 * 1024 / framesPerSecond;
    }

    /** Frames relayed per second in the window, both directions. */
    public double framesPerSecond() {
        return (upSent + downSent) / Math.max(1e-9, gc.windowSeconds());
    }

    /** The bridge's CPU per relayed frame (µs), whatever rate the generator kept up. */
    public double bridgeMicrosPerFrame() {
        return framesPerSecond() <= 0 ? 0 : bridgeCores * 1e6 / framesPerSecond();
    }

    /** How much of real time the carriers kept: caller frames sent against 50 per call-second. */
    public double carrierRealTimePct() {
        return 100.0 * upSent / Math.max(1e-9, calls * 50.0 * gc.windowSeconds());
    }

    /** Heap after GC per call, MB (the whole heap divided by the calls: an upper bound). */
    public double heapPerCallMb() {
        return heapAfterGcMb / calls;
    }

    String csv() {
        return String.format(Locale.ROOT, "%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d,%d,%d,%d,%.3f,%.3f,%d,"
                        + "%.1f,%d,%.3f,%.0f,%.2f,%.2f,%.2f,%.2f,%.1f,%.1f,%.2f,%.1f,%.0f,%.1f,%.1f", calls, up[0], up[1], up[2], up[3], down[0], down[1],
                down[2], down[3], upSent, upLost, downSent, downLost, reordered, cpuPctPerCall, bridgeCores, rssMb,
                heapAfterGcMb, threads, generatorCores, coldStartMs, postToTwilioP50Ms, postToTwilioMaxMs,
                firstAudioP50Ms, firstAudioMaxMs, nativeCommittedMb, gc.pausesPerMinute(), gc.maxPauseMs(),
                gc.allocationMbPerSecond(), allocationBytesPerFrame(), bridgeMicrosPerFrame(), carrierRealTimePct())
                + (hold == null ? ",,,,,," : String.format(Locale.ROOT, ",%.3f,%.3f,%.3f,%.3f,%.3f,%.3f", hold.up()[0],
                        hold.up()[1], hold.up()[2], hold.down()[0], hold.down()[1], hold.down()[2]))
                + String.format(Locale.ROOT, ",%.3f", otherCoresTotal());
    }
}
