package app.highway.ui.shell;

import app.highway.ui.board.Totals;
import app.highway.ui.common.Formats;
import java.util.stream.Collectors;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Today's totals: calls, live calls, outcomes by reflection, tokens, cost; and the mode. */
final class StatusBar {
    private final HBox root = new HBox(16);

    StatusBar(ObservableValue<Totals> totals, boolean simulated, String endpoint) {
        root.setId("statusBar");
        root.getStyleClass().add("status-bar");
        root.setPadding(new Insets(4, 10, 4, 10));
        Label summary = new Label();
        summary.setId("todayTotals");
        summary.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> text(totals.getValue()),
                totals));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label mode = new Label(simulated ? "SIMULATION" : "Live · " + endpoint);
        mode.setId("modeLabel");
        mode.getStyleClass().add(simulated ? "mode-sim" : "mode-live");
        root.getChildren().addAll(summary, spacer, mode);
    }

    private static String text(Totals t) {
        String outcomes = t.byReflection().isEmpty() ? "no outcomes yet"
                : t.byReflection().entrySet().stream().map(e -> Formats.reflection(e.getKey()) + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        return "Today: " + t.calls() + " calls (" + t.live() + " live)  ·  " + outcomes + "  ·  "
                + Formats.tokens(t.tokens()) + " tokens  ·  " + Formats.cost(t.costUsd());
    }

    HBox node() {
        return root;
    }
}
