package app.highway.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's relay-hold instrument reads a loopback capture as tcpdump writes it: masked and
 * unmasked WebSocket frames, a handshake before them, a frame split over two packets, two frames in
 * one packet, and frames with no audio, each timed from the packet that completed it.
 */
@Tag("unit")
class RelayHoldTest {
    private static final int RELAY = 3000;
    private static final int CARRIER = 50000;
    private static final int RELAY_CLIENT = 40000;
    private static final int MODEL = 9000;
    private static final String A = "AAAAAQAAAAEAAAAAAAAAAQAB"; // 24 base64 characters: call, seq, send time
    private static final String B = "AAAAAQAAAAIAAAAAAAAAAgAB";
    private static final String C = "AAAAAQAAAAMAAAAAAAAAAwAB";
    private static final String D = "AAAAAQAAAAQAAAAAAAAABAAB";

    @TempDir
    Path dir;

    @Test
    void timesEachFrameFromThePacketThatCompletedItToThePacketThatCarriedItOut() throws Exception {
        Pcap pcap = new Pcap();
        pcap.packet(0_000, CARRIER, RELAY, "GET /media-stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] mediaA = ws(true, "{\"event\":\"media\",\"media\":{\"payload\":\"" + A + "xyz\"}}");
        pcap.packet(1_000, CARRIER, RELAY, mediaA);
        pcap.packet(3_000, RELAY_CLIENT, MODEL, ws(true, "{\"type\":\"input_audio_buffer.append\",\"audio\":\"" + A + "\"}"));
        byte[] mediaB = ws(true, "{\"event\":\"media\",\"media\":{\"payload\":\"" + B + "xyz\"}}");
        pcap.packet(10_000, CARRIER, RELAY, java.util.Arrays.copyOfRange(mediaB, 0, 20));
        pcap.packet(11_000, CARRIER, RELAY, java.util.Arrays.copyOfRange(mediaB, 20, mediaB.length));
        pcap.packet(14_000, RELAY_CLIENT, MODEL, concat(ws(true, "{\"type\":\"input_audio_buffer.append\",\"audio\":\""
                + B + "\"}"), ws(true, "{\"type\":\"response.create\"}")));
        pcap.packet(20_000, MODEL, RELAY_CLIENT, ws(false, "{\"type\":\"response.output_audio.delta\",\"delta\":\"" + C
                + "\"}"));
        pcap.packet(21_000, MODEL, RELAY_CLIENT, ws(false, "{\"type\":\"response.output_audio.delta\",\"delta\":\"" + D
                + "\"}"));
        pcap.packet(25_000, RELAY, CARRIER, concat(ws(false, "{\"event\":\"media\",\"media\":{\"payload\":\"" + C + "\"}}"),
                ws(false, "{\"event\":\"media\",\"media\":{\"payload\":\"" + D + "\"}}")));
        pcap.packet(26_000, CARRIER, RELAY, ws(true, "{\"event\":\"mark\",\"mark\":{\"name\":\"x\"}}"));
        Path file = dir.resolve("lo.pcap");
        Files.write(file, pcap.bytes());

        RelayHold hold = RelayHold.read(file, RELAY);

        assertEquals(4, hold.frames());
        assertArrayEquals(new double[] {3.0, 3.0, 3.0, 3.0}, hold.up(), 1e-9, "2 ms and 3 ms; p50 of two is the upper");
        assertArrayEquals(new double[] {5.0, 5.0, 5.0, 5.0}, hold.down(), 1e-9, "5 ms and 4 ms");
    }

    private static byte[] ws(boolean masked, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            out.write(maskBit | payload.length);
        } else {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        if (masked) {
            byte[] key = {0x12, 0x34, 0x56, 0x78};
            out.writeBytes(key);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= key[i & 3];
            }
        }
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A libpcap file of Ethernet/IPv4/TCP packets on loopback, microsecond timestamps. */
    private static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pcap() {
            ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262144).putInt(1);
            out.writeBytes(h.array());
        }

        void packet(long micros, int sport, int dport, byte[] payload) {
            int length = 14 + 20 + 20 + payload.length;
            ByteBuffer p = ByteBuffer.allocate(16 + length);
            p.order(ByteOrder.LITTLE_ENDIAN).putInt(1_700_000_000).putInt((int) micros).putInt(length).putInt(length);
            p.order(ByteOrder.BIG_ENDIAN).put(new byte[12]).putShort((short) 0x0800);
            p.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 20 + payload.length)).putInt(0)
                    .put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0x7f000001).putInt(0x7f000001);
            p.putShort((short) sport).putShort((short) dport).putInt(0).putInt(0).put((byte) 0x50).put((byte) 0x18)
                    .putShort((short) 65535).putInt(0);
            p.put(payload);
            out.writeBytes(p.array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
