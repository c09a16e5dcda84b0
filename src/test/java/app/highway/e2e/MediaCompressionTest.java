package app.highway.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.support.BridgeHarness;
import app.highway.support.FakeTwilioRest;
import app.highway.twilio.TwilioSignatures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No compression on audio: a carrier that offers {@code permessage-deflate} (or the older per-frame
 * deflate) on the media socket gets a plain WebSocket. Deflating every 20 ms frame collapsed the
 * relay at 100 calls when the server accepted it.
 */
@Tag("e2e")
class MediaCompressionTest {
    private static BridgeHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = BridgeHarness.start();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    @Test
    void anOfferedDeflateExtensionIsDeclined() throws Exception {
        for (String offer : new String[] {"permessage-deflate; client_max_window_bits",
                "permessage-deflate", "x-webkit-deflate-frame", "deflate-frame"}) {
            String head = upgrade(offer);
            assertTrue(head.startsWith("HTTP/1.1 101"), offer + ": " + head);
            assertFalse(head.toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"), offer + ": " + head);
        }
    }

    /** A signed upgrade of the media stream, as Twilio makes it, plus the offer; returns the response head. */
    private static String upgrade(String extensions) throws IOException {
        String url = h.bridge.config().mediaStreamUrl();
        URI uri = URI.create(url);
        String signature = TwilioSignatures.sign(FakeTwilioRest.AUTH_TOKEN, url, Map.of());
        try (Socket socket = new Socket("127.0.0.1", h.bridge.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + h.bridge.port() + "\r\n"
                    + "User-Agent: Twilio.TmeWs/1.0\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: " + extensions + "\r\n"
                    + TwilioSignatures.HEADER + ": " + signature + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int state = 0; // counts \r\n\r\n
        while (state < 4 && (b = in.read()) != -1) {
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                    ? state + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
