package app.highway.audiolink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.team.Authenticated;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One listener's socket when its connection is full: its frames are dropped and counted (never waited
 * for), it gets frames again once there is room, and it is closed with 4001 when full for a second.
 */
@Tag("unit")
class LinkSocketTest {
    /** A server socket whose write queue is full when the test says so; records what is written and the close. */
    private static final class Wire {
        boolean full;
        final List<AudioFrame> written = new ArrayList<>();
        final List<String> texts = new ArrayList<>();
        int closeCode = -1;
        final ServerWebSocket socket = (ServerWebSocket) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServerWebSocket.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setWriteQueueMaxSize" -> proxy;
                    case "writeQueueFull" -> full;
                    case "isClosed" -> closeCode >= 0;
                    case "writeBinaryMessage" -> {
                        written.add(AudioFrame.fromWire(((Buffer) args[0]).getBytes()));
                        yield null;
                    }
                    case "writeTextMessage" -> {
                        texts.add((String) args[0]);
                        yield null;
                    }
                    case "close" -> {
                        closeCode = args != null && args.length > 0 ? (Short) args[0] : 1000;
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }

    private static byte[] audio(int seed) {
        byte[] a = new byte[AudioFrame.AUDIO_BYTES];
        a[0] = (byte) seed;
        return a;
    }

    @Test
    void aFullConnectionDropsFramesForThisListenerAndClosesWith4001AfterASecond() {
        Wire wire = new Wire();
        LinkSocket s = new LinkSocket(wire.socket, Authenticated.OWNER, "hw-1", false);
        s.frame(audio(1), 100);
        wire.full = true;
        for (int i = 0; i < LinkSocket.MAX_FULL_FRAMES - 1; i++) {
            s.frame(audio(2), 200);
        }
        assertEquals(-1, wire.closeCode, "full for less than a second: still open");
        wire.full = false;
        s.frame(audio(3), 300);
        assertEquals(2, wire.written.size(), "the frames while full were dropped, the next went out");
        assertEquals(1, wire.written.get(1).seq(), "numbered by what was sent: no gap the console would wait for");
        assertEquals(3, wire.written.get(1).audio()[0]);
        assertEquals(300, wire.written.get(1).micros());
        assertEquals(LinkSocket.MAX_FULL_FRAMES - 1, s.dropped());

        wire.full = true;
        for (int i = 0; i < LinkSocket.MAX_FULL_FRAMES; i++) {
            s.frame(audio(4), 400);
        }
        assertEquals(LinkCloseCodes.TOO_SLOW, wire.closeCode, "full for a second: closed");
        assertTrue(s.isClosed());
        wire.full = false;
        s.frame(audio(5), 500);
        s.ended("caller_hung_up");
        assertEquals(2, wire.written.size(), "nothing after the close");
        assertEquals(List.of(), wire.texts);
    }

    @Test
    void theCallsEndIsSaidBeforeTheCloseAndTheBridgeStoppingIs1001() {
        Wire ended = new Wire();
        new LinkSocket(ended.socket, Authenticated.OWNER, "hw-1", false).ended("max_duration");
        assertEquals(List.of("{\"type\":\"ended\",\"reason\":\"max_duration\"}"), ended.texts);
        assertEquals(LinkCloseCodes.NORMAL, ended.closeCode);

        Wire stopping = new Wire();
        new LinkSocket(stopping.socket, Authenticated.OWNER, "hw-1", false).ended("bridge_shutdown");
        assertEquals(LinkCloseCodes.GOING_AWAY, stopping.closeCode);
    }
}
