package app.highway.ui.audit;

import app.highway.team.AuditEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;

/** The Audit tab: a page of the audit log, with "Newer", "Older" and "Refresh". */
public final class AuditView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final BorderPane root = new BorderPane();

    public AuditView(AuditViewModel model, ZoneId zone) {
        root.setId("auditView");
        TableView<AuditEntry> table = new TableView<>(model.rows());
        table.setId("auditTable");
        table.setPlaceholder(new Label("Nothing in the audit log yet: every call placed or hung up, settings and "
                + "system message change, person and token change is written here."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("When", e -> WHEN.format(e.at().atZone(zone)), 150));
        table.getColumns().add(column("Who", AuditEntry::user, 110));
        table.getColumns().add(column("Action", AuditEntry::action, 150));
        table.getColumns().add(column("Target", AuditEntry::target, 150));
        table.getColumns().add(column("Detail", AuditEntry::detail, 400));

        Button refresh = new Button("Refresh");
        refresh.setId("auditRefresh");
        refresh.setOnAction(e -> model.newest());
        Button newer = new Button("Newer");
        newer.setId("auditNewer");
        newer.disableProperty().bind(model.hasNewerProperty().not());
        newer.setOnAction(e -> model.newer());
        Button older = new Button("Older");
        older.setId("auditOlder");
        older.disableProperty().bind(model.hasOlderProperty().not());
        older.setOnAction(e -> model.older());
        Label message = new Label();
        message.setId("auditMessage");
        message.textProperty().bind(model.messageProperty());
        FlowPane bar = new FlowPane(8, 6, refresh, newer, older, message);
        bar.setPadding(new Insets(8, 10, 8, 10));
        root.setTop(bar);
        root.setCenter(table);
    }

    private static TableColumn<AuditEntry, String> column(String title, Function<AuditEntry, String> value,
            double width) {
        TableColumn<AuditEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public BorderPane node() {
        return root;
    }
}
