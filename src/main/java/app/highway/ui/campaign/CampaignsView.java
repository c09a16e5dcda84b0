package app.highway.ui.campaign;

import app.highway.campaign.CampaignRecord;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The Campaigns tab: New campaign (the import wizard, in place of the list while it is open), the campaigns on
 * the left, the selected one's progress on the right.
 */
public final class CampaignsView {
    private final BorderPane root = new BorderPane();

    public CampaignsView(CampaignsViewModel model, ZoneId zone) {
        root.setId("campaignsView");
        Button create = new Button("New campaign…", new FontIcon(MaterialDesignF.FILE_UPLOAD_OUTLINE));
        create.setId("newCampaign");
        create.getStyleClass().add("accent");
        create.setOnAction(e -> model.startImport());
        create.disableProperty().bind(model.importingProperty());
        Button refresh = new Button("Refresh", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("campaignsRefresh");
        refresh.setOnAction(e -> {
            model.refresh();
            model.progress().refresh();
        });
        Label message = new Label();
        message.setId("campaignsMessage");
        message.textProperty().bind(model.messageProperty());
        HBox bar = new HBox(8, create, refresh, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        root.setTop(bar);

        TableView<CampaignRecord> list = campaignTable(model, zone);
        SplitPane split = new SplitPane(list, new CampaignProgressView(model.progress(), zone).node());
        split.setDividerPositions(0.32);
        Node wizard = new ImportWizardView(model.wizard(), model::closeImport).node();
        root.setCenter(split);
        model.importingProperty().addListener((o, was, importing) -> root.setCenter(importing ? wizard : split));
    }

    private static TableView<CampaignRecord> campaignTable(CampaignsViewModel model, ZoneId zone) {
        DateTimeFormatter when = DateTimeFormatter.ofPattern("MM-dd HH:mm");
        TableView<CampaignRecord> table = new TableView<>(model.campaigns());
        table.setId("campaignList");
        Label none = new Label("No campaign yet.\nNew campaign… imports a CSV list.");
        none.setWrapText(true);
        table.setPlaceholder(none);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.getColumns().add(column("Name", c -> c.plan().name(), 120));
        table.getColumns().add(column("State", c -> CampaignProgressViewModel.words(c.state().wire()), 85));
        table.getColumns().add(column("Rows", c -> String.valueOf(c.rows()), 50));
        table.getColumns().add(column("Created", c -> when.format(c.createdAt().atZone(zone)), 95));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, c) -> {
            if (c != null) {
                model.selectedProperty().set(c);
            }
        });
        model.selectedProperty().addListener((o, was, c) -> {
            if (c != null && table.getSelectionModel().getSelectedItem() != c) {
                table.getSelectionModel().select(c);
            }
        });
        return table;
    }

    private static TableColumn<CampaignRecord, String> column(String title, Function<CampaignRecord, String> value,
            double width) {
        TableColumn<CampaignRecord, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Node node() {
        return root;
    }
}
