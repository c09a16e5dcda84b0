package app.highway.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.store.PgNotifications;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EventFramesTest {

    @Test
    void smallEventsTravelSeveralToANotification() {
        EventFrames a = new EventFrames("bridge-a");
        List<String> payloads = a.frame(List.of(bytes("{\"seq\":1}"), bytes("{\"seq\":2}")));
        assertEquals(1, payloads.size());
        EventFrames.Message m = new EventFrames("bridge-b").read(payloads.get(0)).orElseThrow();
        assertEquals("bridge-a", m.origin());
        assertEquals(List.of("{\"seq\":1}", "{\"seq\":2}"), m.elements());
    }

    @Test
    void anEventLargerThanANotificationIsSplitUnderTheLimitAndPutTogetherAgain() {
        String text = "é€😀".repeat(3_000); // 2, 3 and 4 bytes in UTF-8: the worst case for a split
        String element = "{\"seq\":7,\"data\":{\"text\":\"" + text + "\"}}";
        List<byte[]> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(bytes("{\"seq\":" + i + "}"));
        }
        batch.add(bytes(element));
        batch.add(bytes("{\"seq\":8}"));
        List<String> payloads = new EventFrames("bridge-a").frame(batch);
        assertTrue(payloads.size() > 3, payloads.size() + " payloads");
        EventFrames b = new EventFrames("bridge-b");
        List<String> received = new ArrayList<>();
        for (String p : payloads) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= PgNotifications.MAX_PAYLOAD_BYTES);
            b.read(p).ifPresent(m -> received.addAll(m.elements()));
        }
        assertEquals(32, received.size());
        assertEquals(element, received.get(30));
        assertEquals("{\"seq\":8}", received.get(31));
    }

    @Test
    void aBridgeIgnoresItsOwnNotifications() {
        EventFrames a = new EventFrames("bridge-a");
        assertEquals(Optional.empty(), a.read(a.frame(List.of(bytes("{}"))).get(0)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
