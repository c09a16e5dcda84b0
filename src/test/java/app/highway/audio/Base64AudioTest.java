package app.highway.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Base64 audio judged and measured where it lies in a buffer, like the decoder would, without decoding. */
@Tag("unit")
class Base64AudioTest {

    private static Base64Audio inside(String text) {
        byte[] framed = ("{\"x\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        return Base64Audio.view(framed, 6, framed.length - 8);
    }

    @Test
    void aViewIsJudgedLikeTheDecoderWould() {
        Random random = new Random(7);
        for (int len = 0; len < 40; len++) {
            byte[] bytes = new byte[len];
            random.nextBytes(bytes);
            String ok = Base64.getEncoder().encodeToString(bytes);
            Base64Audio view = inside(ok);
            assertEquals(!ok.isEmpty(), view.isValid(), ok);
            assertEquals(len, view.decodedLength(), ok);
            assertEquals(ok, view.toString());
            assertTrue(view.contentEquals(ok));
        }
        for (String bad : new String[] {"a===", "====", "ab=", "abc", "ab c", "ab-_", "QUé=", "Q\u0000I=", "=abc"}) {
            assertFalse(inside(bad).isValid(), bad);
            assertFalse(Base64Audio.of(bad).isValid(), bad);
        }
    }

    @Test
    void millisecondsOfMuLawWithoutDecoding() {
        assertEquals(20, Base64Audio.of(Base64.getEncoder().encodeToString(new byte[160])).millis());
        assertEquals(0, Base64Audio.of("").millis());
    }

    @Test
    void aCopyOutlivesItsBuffer() {
        byte[] buffer = "..AAAA..".getBytes(StandardCharsets.US_ASCII);
        Base64Audio copy = Base64Audio.view(buffer, 2, 4).copy();
        buffer[2] = 'B';
        assertEquals("AAAA", copy.toString());
    }
}
