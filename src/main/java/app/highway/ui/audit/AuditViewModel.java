package app.highway.ui.audit;

import app.highway.ConsoleServices;
import app.highway.team.AuditEntry;
import app.highway.team.AuditPage;
import app.highway.team.AuditQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The audit log, a page at a time, newest first: who did what, to what, when. "Older" follows the
 * page's cursor, "Newer" goes back the way it came; the log is read on {@code background}, never the
 * FX thread, and lands through {@code fx}. For supervisors and admins (the console shows the tab only
 * to them; the bridge refuses anyone else).
 */
public final class AuditViewModel {
    public static final int PAGE_SIZE = 50;

    private final ConsoleServices.Team team;
    private final int pageSize;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<AuditEntry> rows = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty hasOlder = new SimpleBooleanProperty();
    private final BooleanProperty hasNewer = new SimpleBooleanProperty();
    /** The cursor each page shown so far was read with (null for the newest). */
    private final List<String> starts = new ArrayList<>();
    private int page;
    private String next;
    /** Numbers each read, so that a slow one finishing late does not replace a newer one's page. */
    private long reads;

    public AuditViewModel(ConsoleServices.Team team, Executor background, Executor fx) {
        this(team, PAGE_SIZE, background, fx);
    }

    public AuditViewModel(ConsoleServices.Team team, int pageSize, Executor background, Executor fx) {
        this.team = team;
        this.pageSize = pageSize;
        this.background = background;
        this.fx = fx;
    }

    /** The tab is shown: on the newest page, read it again (actions happen all the time); elsewhere, stay. */
    public CompletableFuture<Void> opened() {
        return page == 0 ? newest() : CompletableFuture.completedFuture(null);
    }

    /** The newest entries. */
    public CompletableFuture<Void> newest() {
        return show(0, null);
    }

    /** The page after this one, if there is one. */
    public CompletableFuture<Void> older() {
        return next == null ? CompletableFuture.completedFuture(null) : show(page + 1, next);
    }

    /** The page before this one, if this is not the newest. */
    public CompletableFuture<Void> newer() {
        return page == 0 ? CompletableFuture.completedFuture(null) : show(page - 1, starts.get(page - 1));
    }

    private CompletableFuture<Void> show(int index, String cursor) {
        long mine = ++reads;
        message.set("Reading the audit log…");
        return CompletableFuture.supplyAsync(() -> team.audit(new AuditQuery(null, null, pageSize, cursor)),
                background).handleAsync((AuditPage found, Throwable e) -> {
                    if (mine != reads) {
                        return null; // a newer read is under way
                    }
                    if (e != null) {
                        message.set("Could not read the audit log: " + (e.getCause() == null ? e : e.getCause())
                                .getMessage());
                        return null;
                    }
                    while (starts.size() <= index) {
                        starts.add(null);
                    }
                    starts.set(index, cursor);
                    page = index;
                    next = found.nextCursor();
                    rows.setAll(found.entries());
                    hasOlder.set(next != null);
                    hasNewer.set(index > 0);
                    message.set(found.entries().isEmpty() ? "Nothing in the audit log yet."
                            : "Page " + (index + 1) + " · " + found.entries().size() + " entr"
                                    + (found.entries().size() == 1 ? "y" : "ies") + ", newest first");
                    return null;
                }, fx);
    }

    public ObservableList<AuditEntry> rows() {
        return rows;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty hasOlderProperty() {
        return hasOlder;
    }

    public BooleanProperty hasNewerProperty() {
        return hasNewer;
    }
}
