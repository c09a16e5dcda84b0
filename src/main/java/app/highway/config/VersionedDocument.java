package app.highway.config;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared document of the store ({@link SharedDocuments}) kept in memory as a value: read at start,
 * saved only over the version it was read at (a save made on another bridge meanwhile is refused with a
 * {@link ConcurrentChange} and read again), read again on {@link #reload}, and its listeners told after
 * every save made here. A document missing or unusable gives the defaults. The current value is always
 * read from memory; saving and reloading may block.
 *
 * @param <T> the value the document holds
 */
public final class VersionedDocument<T> {
    private static final Logger log = LoggerFactory.getLogger(VersionedDocument.class);

    /** How the value is read from and written to the document's JSON. */
    public interface Format<T> {
        T read(String json) throws IOException;

        String write(T value);

        /** Why a value read may not be used (empty: it may). */
        default List<String> problems(T value) {
            return List.of();
        }
    }

    /** The value in use and the version of the document it came from (0: the defaults, never saved). */
    private record Loaded<T>(T value, long version) { }

    private final SharedDocuments shared;
    private final String name;
    private final String what;
    private final T defaults;
    private final Format<T> format;
    private final List<Runnable> saved = new CopyOnWriteArrayList<>();
    private volatile Loaded<T> current;

    /**
     * The document {@code name} of {@code shared} ({@code what}: what it holds, in log lines), read now.
     * Blocks (reads the store).
     */
    public VersionedDocument(SharedDocuments shared, String name, String what, T defaults, Format<T> format) {
        this.shared = shared;
        this.name = name;
        this.what = what;
        this.defaults = defaults;
        this.format = format;
        this.current = load();
    }

    public T current() {
        return current.value();
    }

    /**
     * Saves {@code value} and makes it current, unless it is {@code same} as the saved value (then nothing is
     * written). Refused with a {@link ConcurrentChange} saying {@code conflict} if the document was saved
     * elsewhere since it was read (it is read again). Listeners run after the save, one failure logged.
     */
    public synchronized void save(T value, BiPredicate<T, T> same, String conflict) {
        Loaded<T> base = current;
        if (base.version() > 0 && same.test(base.value(), value)) {
            return;
        }
        if (!shared.write(name, base.version(), format.write(value), Instant.now())) {
            current = load();
            throw new ConcurrentChange(conflict);
        }
        current = new Loaded<>(value, base.version() + 1);
        for (Runnable r : saved) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("A {} listener failed: {}", what, e.toString());
            }
        }
    }

    /** Reads the document again from the store (another bridge saved it). May block. */
    public synchronized void reload() {
        current = load();
    }

    /** Runs {@code listener} after every save made here (not after a {@link #reload}). */
    public void onSaved(Runnable listener) {
        saved.add(listener);
    }

    private Loaded<T> load() {
        Optional<SharedDocuments.Document> doc = shared.read(name);
        if (doc.isEmpty()) {
            return new Loaded<>(defaults, 0);
        }
        long version = doc.get().version();
        try {
            T loaded = format.read(doc.get().json());
            List<String> problems = format.problems(loaded);
            if (problems.isEmpty()) {
                return new Loaded<>(loaded, version);
            }
            log.warn("Ignoring the saved {} (version {}): {}", what, version, problems);
        } catch (IOException e) {
            log.warn("Ignoring the unreadable saved {} (version {}): {}", what, version, e.getMessage());
        }
        return new Loaded<>(defaults, version);
    }
}
