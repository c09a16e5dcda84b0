package app.highway.ui.history;

import app.highway.store.CallStatistics;
import app.highway.ui.common.Formats;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Calls per day by outcome, cost per day, and averages, over the history search's selection. */
public final class AnalyticsView {
    private final VBox root = new VBox(8);
    private final StackedBarChart<String, Number> outcomes = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final BarChart<String, Number> cost = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final Label averages = new Label();

    public AnalyticsView(HistoryViewModel model) {
        root.setId("analyticsView");
        root.setPadding(new Insets(10));
        outcomes.setId("outcomesChart");
        outcomes.setTitle("Calls per day by reflection status");
        outcomes.setAnimated(false);
        cost.setId("costChart");
        cost.setTitle("Cost per day (USD)");
        cost.setAnimated(false);
        cost.setLegendVisible(false);
        averages.setId("averages");
        Label hint = new Label("Over the History tab's search (default: the last 30 days). Press Search there to "
                + "refresh.");
        hint.getStyleClass().add("hint");
        HBox charts = new HBox(10, outcomes, cost);
        HBox.setHgrow(outcomes, Priority.ALWAYS);
        HBox.setHgrow(cost, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        root.getChildren().addAll(averages, hint, charts);
        model.statisticsProperty().addListener((o, a, b) -> show(b));
        show(model.statisticsProperty().get());
    }

    private void show(CallStatistics.Summary s) {
        averages.setText(s.calls() + " calls  ·  average talk time " + Formats.elapsed(java.time.Duration.ofSeconds(
                Math.round(s.averageDurationSeconds()))) + "  ·  average " + Math.round(s.averageTokens())
                + " tokens per call  ·  total " + Formats.cost(s.totalCostUsd()));
        Set<String> statuses = new LinkedHashSet<>();
        s.days().forEach(d -> statuses.addAll(d.byReflection().keySet()));
        outcomes.getData().clear();
        for (String status : statuses) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(Formats.reflection(status));
            for (CallStatistics.Day d : s.days()) {
                series.getData().add(new XYChart.Data<>(d.date().toString(), d.byReflection().getOrDefault(status, 0)));
            }
            outcomes.getData().add(series);
        }
        XYChart.Series<String, Number> costs = new XYChart.Series<>();
        s.days().forEach(d -> costs.getData().add(new XYChart.Data<>(d.date().toString(), d.costUsd())));
        cost.getData().setAll(java.util.List.of(costs));
    }

    public VBox node() {
        return root;
    }
}
