package app.highway.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A few seconds of the loopback interface captured with {@code tcpdump} (the relay's port and the
 * fake model's), read as {@link RelayHold}. Taken after the measured window, while the calls still
 * run, so that the capture's own CPU does not touch the window's figures. Off with
 * {@code -Dload.capture=false}; skipped (with a line saying why) where tcpdump is missing or may not
 * capture (it needs root or CAP_NET_RAW).
 */
final class LoopbackCapture {
    static final boolean ENABLED = !"false".equals(System.getProperty("load.capture"));
    static final int SECONDS = Integer.getInteger("load.captureSeconds", 10);
    private static volatile String unavailable;

    private LoopbackCapture() {
    }

    /** Captures {@link #SECONDS} seconds and reads them; null (the reason logged once) if it could not. */
    static RelayHold holds(int relayPort, int modelPort) {
        if (!ENABLED || unavailable != null) {
            return null;
        }
        Path file = null;
        try {
            file = Files.createTempFile("highway-relay", ".pcap");
            Process dump = new ProcessBuilder(List.of("tcpdump", "-i", "lo", "-U", "-B", "65536", "-w", file.toString(),
                    "tcp port " + relayPort + " or tcp port " + modelPort)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (dump.waitFor(SECONDS, TimeUnit.SECONDS)) {
                return gone("tcpdump stopped at once (exit " + dump.exitValue() + "; it needs root or CAP_NET_RAW)");
            }
            dump.destroy(); // SIGTERM: tcpdump writes what it holds and exits
            if (!dump.waitFor(5, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
            return RelayHold.read(file, relayPort);
        } catch (IOException e) {
            return gone("no loopback capture: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static RelayHold gone(String why) {
        unavailable = why;
        LoadGenerator.log("relay holds not measured: " + why + " (-Dload.capture=false skips the capture)");
        return null;
    }
}
