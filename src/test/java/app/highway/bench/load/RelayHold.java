package app.highway.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * How long the relay itself held each audio frame, read from a capture of the loopback interface
 * (libpcap format, as {@code tcpdump -w} writes it): the time between the packet that completed a
 * frame on its way <em>into</em> the relay and the packet that carried it <em>out</em> (caller→model:
 * the carrier's {@code media} to the relay's port, then the relay's {@code input_audio_buffer.append};
 * model→caller: the model's audio delta, then the relay's {@code media} from its port). A frame is
 * recognised on both sides by the first 24 base64 characters of its audio (its call, sequence number
 * and send time, see {@link TimedFrame}), which a relay copies without changing.
 *
 * <p>The generator's end-to-end latency also holds the generator's own time to send and to read,
 * on the same two cores; this is the relay's share alone, which is what a relay can change.
 */
record RelayHold(double[] up, double[] down, int frames) {
    /** Percentiles reported, as {p50, p99, p99.9, max}. */
    static final double[] QUANTILES = {0.50, 0.99, 0.999, 1.0};
    private static final byte[][] KEYS = {bytes("\"payload\":\""), bytes("\"audio\":\""), bytes("\"delta\":\"")};
    private static final int KEY_CHARS = 24;

    /** {@code RelayHold capture.pcap relayPort}: prints the holds of a capture made by hand. */
    public static void main(String[] args) throws IOException {
        System.out.println(read(Path.of(args[0]), Integer.parseInt(args[1])).describe());
    }

    /** "caller→model p50 / p99 / p99.9 / max …" in ms. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "%d frames; caller→model %.3f / %.3f / %.3f / %.3f ms, "
                + "model→caller %.3f / %.3f / %.3f / %.3f ms (p50 / p99 / p99.9 / max)", frames, up[0], up[1], up[2],
                up[3], down[0], down[1], down[2], down[3]);
    }

    /** Reads {@code pcap}, captured on loopback while the relay listened on {@code relayPort}. */
    static RelayHold read(Path pcap, int relayPort) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(pcap));
        in.order(ByteOrder.LITTLE_ENDIAN);
        int magic = in.getInt();
        if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
            throw new IOException(pcap + " is not a little-endian libpcap file");
        }
        boolean nanos = magic == 0xa1b23c4d;
        in.position(20);
        int linkType = in.getInt();
        int linkHeader = switch (linkType) {
            case 1 -> 14; // Ethernet (what tcpdump gives for lo)
            case 113 -> 16; // Linux cooked
            case 276 -> 20; // Linux cooked v2
            case 0 -> 4; // BSD loopback
            default -> throw new IOException("link type " + linkType + " not read");
        };
        Map<Integer, Flow> flows = new HashMap<>();
        Map<String, Long> upIn = new HashMap<>();
        Map<String, Long> upOut = new HashMap<>();
        Map<String, Long> downIn = new HashMap<>();
        Map<String, Long> downOut = new HashMap<>();
        while (in.remaining() >= 16) {
            long seconds = in.getInt() & 0xffffffffL;
            long fraction = in.getInt() & 0xffffffffL;
            int length = in.getInt();
            in.getInt(); // original length
            if (length > in.remaining()) {
                break; // cut off at the end of the capture
            }
            long t = seconds * 1_000_000_000L + (nanos ? fraction : fraction * 1_000);
            int packet = in.position();
            in.position(packet + length);
            int ip = packet + linkHeader;
            byte[] a = in.array();
            if (length < linkHeader + 20 || (a[ip] >> 4 & 0xf) != 4 || a[ip + 9] != 6) {
                continue; // IPv4 TCP only (the generator and both relays use 127.0.0.1)
            }
            int ipEnd = ip + Math.min(u16(a, ip + 2), length - linkHeader);
            int tcp = ip + (a[ip] & 0xf) * 4;
            int sport = u16(a, tcp);
            int dport = u16(a, tcp + 2);
            int payload = tcp + (a[tcp + 12] >> 4 & 0xf) * 4;
            if (payload >= ipEnd) {
                continue;
            }
            Flow flow = flows.computeIfAbsent(sport << 16 | dport, k -> new Flow());
            flow.append(a, payload, ipEnd - payload);
            flow.frames((key, kind) -> {
                if (kind == 0 && dport == relayPort) {
                    upIn.putIfAbsent(key, t);
                } else if (kind == 1) {
                    upOut.putIfAbsent(key, t);
                } else if (kind == 2) {
                    downIn.putIfAbsent(key, t);
                } else if (kind == 0 && sport == relayPort) {
                    downOut.putIfAbsent(key, t);
                }
            });
        }
        long[] up = holds(upIn, upOut);
        long[] down = holds(downIn, downOut);
        return new RelayHold(quantiles(up), quantiles(down), up.length + down.length);
    }

    private static long[] holds(Map<String, Long> in, Map<String, Long> out) {
        return in.entrySet().stream().filter(e -> out.containsKey(e.getKey()))
                .mapToLong(e -> out.get(e.getKey()) - e.getValue()).sorted().toArray();
    }

    private static double[] quantiles(long[] sorted) {
        double[] q = new double[QUANTILES.length];
        for (int i = 0; i < q.length && sorted.length > 0; i++) {
            q[i] = sorted[(int) Math.min(sorted.length - 1, Math.floor(QUANTILES[i] * sorted.length))] / 1e6;
        }
        return q;
    }

    private static int u16(byte[] a, int i) {
        return (a[i] & 0xff) << 8 | (a[i + 1] & 0xff);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    interface FrameSink {
        /** A frame carrying audio: its key, and which field held it (0 payload, 1 audio, 2 delta). */
        void frame(String key, int kind);
    }

    /** One direction of a TCP connection: the bytes not yet read as whole WebSocket frames. */
    private static final class Flow {
        private byte[] buf = new byte[4096];
        private int size;
        private Boolean http;

        void append(byte[] a, int from, int n) {
            if (http == null) { // a connection seen from its handshake, or (the capture began later) mid-stream
                http = startsWith(a, from, n, "GET ") || startsWith(a, from, n, "HTTP/");
            }
            if (size + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
            }
            System.arraycopy(a, from, buf, size, n);
            size += n;
        }

        void frames(FrameSink sink) {
            int off = 0;
            if (http) {
                int end = indexOf(buf, 0, size, bytes("\r\n\r\n"));
                if (end < 0) {
                    return;
                }
                off = end + 4;
                http = false;
            }
            while (size - off >= 2) {
                int b1 = buf[off + 1] & 0xff;
                boolean masked = (b1 & 0x80) != 0;
                long len = b1 & 0x7f;
                int p = off + 2;
                if (len == 126) {
                    if (size - p < 2) {
                        break;
                    }
                    len = u16(buf, p);
                    p += 2;
                } else if (len == 127) {
                    if (size - p < 8) {
                        break;
                    }
                    len = ByteBuffer.wrap(buf, p, 8).getLong();
                    p += 8;
                }
                int mask = p;
                if (masked) {
                    p += 4;
                }
                if (len < 0 || size - p < len) {
                    break;
                }
                if (masked) {
                    for (int i = 0; i < len; i++) {
                        buf[p + i] ^= buf[mask + (i & 3)];
                    }
                }
                find(buf, p, (int) len, sink);
                off = p + (int) len;
            }
            System.arraycopy(buf, off, buf, 0, size - off);
            size -= off;
        }

        private static void find(byte[] a, int from, int n, FrameSink sink) {
            int best = -1;
            int kind = -1;
            for (int k = 0; k < KEYS.length; k++) {
                int i = indexOf(a, from, n, KEYS[k]);
                if (i >= 0 && (best < 0 || i < best)) {
                    best = i;
                    kind = k;
                }
            }
            if (best < 0) {
                return;
            }
            int start = best + KEYS[kind].length;
            if (start + KEY_CHARS > from + n) {
                return;
            }
            for (int i = start; i < start + KEY_CHARS; i++) {
                byte c = a[i];
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/')) {
                    return;
                }
            }
            sink.frame(new String(a, start, KEY_CHARS, StandardCharsets.US_ASCII), kind);
        }

        private static boolean startsWith(byte[] a, int from, int n, String s) {
            return n >= s.length() && new String(a, from, s.length(), StandardCharsets.US_ASCII).equals(s);
        }

        private static int indexOf(byte[] a, int from, int n, byte[] key) {
            outer:
            for (int i = from; i <= from + n - key.length; i++) {
                for (int j = 0; j < key.length; j++) {
                    if (a[i + j] != key[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
