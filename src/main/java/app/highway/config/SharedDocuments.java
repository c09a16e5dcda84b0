package app.highway.config;

import java.time.Instant;
import java.util.Optional;

/**
 * Small JSON documents every bridge of a fleet shares (the call settings, the price table), kept with a
 * version number so that a save made from an outdated copy is refused instead of silently replacing a
 * save made meanwhile on another bridge. The store keeps them ({@code store.SqlSharedSettings}); every
 * method may block.
 */
public interface SharedDocuments {
    /** A saved document: its JSON and its version (1 at its first save, one more at each save). */
    record Document(String json, long version) { }

    /** The document saved as {@code name}, if it was ever saved. */
    Optional<Document> read(String name);

    /**
     * Saves {@code json} as {@code name}'s version {@code expected + 1} if its saved version is still
     * {@code expected} (0: never saved); false, saving nothing, if another save came first.
     */
    boolean write(String name, long expected, String json, Instant at);
}
