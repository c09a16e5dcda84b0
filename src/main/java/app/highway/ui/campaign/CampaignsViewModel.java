package app.highway.ui.campaign;

import app.highway.ConsoleServices;
import app.highway.campaign.CampaignRecord;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Campaigns tab: the campaigns the person may see (newest first), the selected one's progress
 * ({@link CampaignProgressViewModel}) and the import wizard ({@link ImportWizardViewModel}). It follows the
 * bridge's {@code campaigns_changed} events: the list and the progress shown are read again (off the FX thread,
 * one read at a time) when the bridge says a campaign changed, never on a timer.
 */
public final class CampaignsViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CampaignsViewModel.class);

    private final ConsoleServices.CampaignDesk desk;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<CampaignRecord> campaigns = FXCollections.observableArrayList();
    private final ObjectProperty<CampaignRecord> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty importing = new SimpleBooleanProperty();
    private final CampaignProgressViewModel progress;
    private final ImportWizardViewModel wizard;
    private final AutoCloseable watching;
    private final AtomicBoolean listing = new AtomicBoolean();
    private final AtomicBoolean listAgain = new AtomicBoolean();

    public CampaignsViewModel(ConsoleServices.CampaignDesk desk, Executor background, Executor fx, ZoneId zone) {
        this.desk = desk;
        this.background = background;
        this.fx = fx;
        this.progress = new CampaignProgressViewModel(desk, background, fx, zone);
        this.wizard = new ImportWizardViewModel(desk, background, fx, this::created);
        selected.addListener((o, was, c) -> {
            if (c != null && (was == null || !was.id().equals(c.id()))) {
                progress.show(c.id());
            } else if (c == null) {
                progress.show(null);
            }
        });
        this.watching = desk.watch(this::changed);
    }

    /** The bridge says these campaigns changed (empty: any may have). On a background thread; never blocks. */
    private void changed(List<String> ids) {
        String shown = progress.shown();
        if (shown != null && (ids.isEmpty() || ids.contains(shown))) {
            progress.refresh();
        }
        refresh();
    }

    /** The tab is shown: read the list. */
    public void opened() {
        refresh();
    }

    /** Reads the list again (any thread): one read at a time, the last asked for always follows. */
    public void refresh() {
        if (!listing.compareAndSet(false, true)) {
            listAgain.set(true);
            return;
        }
        CompletableFuture<List<CampaignRecord>> read;
        try {
            read = CompletableFuture.supplyAsync(desk::list, background);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            listing.set(false); // the console is closing
            return;
        }
        read.whenComplete((list, e) -> {
            fx.execute(() -> {
                if (e != null) {
                    message.set("Could not read the campaigns: " + ImportWizardViewModel.why(e));
                } else {
                    show(list);
                }
            });
            listing.set(false);
            if (listAgain.getAndSet(false)) {
                refresh();
            }
        });
    }

    private void show(List<CampaignRecord> list) {
        String keep = selected.get() == null ? null : selected.get().id();
        campaigns.setAll(list);
        CampaignRecord again = keep == null ? null
                : list.stream().filter(c -> c.id().equals(keep)).findFirst().orElse(null);
        selected.set(again != null ? again : list.isEmpty() ? null : list.get(0));
        if (message.get().startsWith("Could not")) {
            message.set("");
        }
    }

    /** Opens the import wizard at its first step. */
    public void startImport() {
        wizard.reset();
        importing.set(true);
    }

    public void closeImport() {
        importing.set(false);
    }

    private void created(CampaignRecord record) {
        importing.set(false);
        message.set("Campaign " + record.plan().name() + " created (" + record.id() + ")");
        if (campaigns.stream().noneMatch(c -> c.id().equals(record.id()))) {
            campaigns.add(0, record);
        }
        selected.set(record);
        refresh();
    }

    public ObservableList<CampaignRecord> campaigns() {
        return campaigns;
    }

    public ObjectProperty<CampaignRecord> selectedProperty() {
        return selected;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty importingProperty() {
        return importing;
    }

    public CampaignProgressViewModel progress() {
        return progress;
    }

    public ImportWizardViewModel wizard() {
        return wizard;
    }

    @Override
    public void close() {
        try {
            watching.close();
        } catch (Exception e) {
            log.debug("Closing the campaign watch: {}", e.getMessage());
        }
    }
}
