package app.highway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class EventStreamClientTest {

    @Test
    void theStreamIsAtEventsOnTheBridgesAddress() {
        assertEquals(URI.create("ws://127.0.0.1:3000/events"), EventStreamClient.eventsUri(URI.create("http://127.0.0.1:3000")));
        assertEquals(URI.create("wss://bridge.example.com/events"),
                EventStreamClient.eventsUri(URI.create("https://bridge.example.com/")));
        assertEquals(URI.create("wss://example.com/highway/events"),
                EventStreamClient.eventsUri(URI.create("https://example.com/highway/")));
        assertEquals(URI.create("ws://h:1/events"), EventStreamClient.eventsUri(URI.create("ws://h:1")));
        assertThrows(IllegalArgumentException.class, () -> EventStreamClient.eventsUri(URI.create("ftp://h")));
    }

    @Test
    void aResumeNamesTheLastEventAndTheBridge() {
        URI events = URI.create("ws://h:1/events");
        assertEquals(events, EventStreamClient.withResume(events, -1, null));
        assertEquals(URI.create("ws://h:1/events?after=0"), EventStreamClient.withResume(events, 0, null));
        assertEquals(URI.create("ws://h:1/events?after=42&bridge=b-1a2b"),
                EventStreamClient.withResume(events, 42, "b-1a2b"));
    }
}
