package app.highway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.highway.store.SqlCallStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Two bridges sharing one document through the store (SQLite), as the settings and the prices are. */
@Tag("unit")
class VersionedDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A text; one starting with "bad" is read but may not be used. */
    private static final VersionedDocument.Format<String> TEXT = new VersionedDocument.Format<>() {
        @Override
        public String read(String json) throws IOException {
            return JSON.readValue(json, String.class);
        }

        @Override
        public String write(String value) {
            try {
                return JSON.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<String> problems(String value) {
            return value.startsWith("bad") ? List.of("bad text") : List.of();
        }
    };

    private static VersionedDocument<String> open(SharedDocuments shared) {
        return new VersionedDocument<>(shared, "greeting", "greeting", "hello", TEXT);
    }

    @Test
    void aSaveOverAStaleVersionIsRefusedAndTheOtherSaveIsReadInstead() throws Exception {
        Path dir = Files.createTempDirectory("highway-document");
        try (var db = SqlCallStore.sqlite(dir, Json.mapper())) {
            VersionedDocument<String> a = open(db.shared());
            VersionedDocument<String> b = open(db.shared());
            assertEquals("hello", a.current(), "nothing saved yet: the defaults");
            a.save("good morning", Objects::equals, "changed elsewhere");
            ConcurrentChange refused = assertThrows(ConcurrentChange.class,
                    () -> b.save("good evening", Objects::equals, "changed elsewhere"));
            assertEquals("changed elsewhere", refused.getMessage());
            assertEquals("good morning", b.current(), "the refused bridge now holds the other one's save");
            b.save("good evening", Objects::equals, "changed elsewhere");
            assertEquals("good morning", a.current(), "read from memory until reloaded");
            a.reload();
            assertEquals("good evening", a.current());
            assertEquals("good evening", open(db.shared()).current());
        }
    }

    @Test
    void savingTheSameValueWritesNothingAndListenersHearEverySaveMadeHere() throws Exception {
        Path dir = Files.createTempDirectory("highway-document");
        try (var db = SqlCallStore.sqlite(dir, Json.mapper())) {
            VersionedDocument<String> a = open(db.shared());
            List<String> heard = new ArrayList<>();
            a.onSaved(() -> {
                throw new IllegalStateException("a broken listener");
            });
            a.onSaved(() -> heard.add(a.current()));
            a.save("one", Objects::equals, "x");
            a.save("one", Objects::equals, "x");
            assertEquals(List.of("one"), heard, "the same value again is no save; a failing listener stops no other");
            assertEquals(1, db.shared().read("greeting").orElseThrow().version());
            a.reload();
            assertEquals(List.of("one"), heard, "a reload is not a save made here");
        }
    }

    @Test
    void aSavedValueThatMayNotBeUsedGivesTheDefaults() throws Exception {
        Path dir = Files.createTempDirectory("highway-document");
        try (var db = SqlCallStore.sqlite(dir, Json.mapper())) {
            VersionedDocument<String> a = open(db.shared());
            a.save("bad words", Objects::equals, "x");
            assertEquals("hello", open(db.shared()).current());
            db.shared().write("greeting", 1, "{not json", java.time.Instant.now());
            VersionedDocument<String> c = open(db.shared());
            assertEquals("hello", c.current(), "unreadable: the defaults");
            c.save("fixed", Objects::equals, "x");
            assertEquals("fixed", open(db.shared()).current(), "saved over the unreadable version");
        }
    }
}
