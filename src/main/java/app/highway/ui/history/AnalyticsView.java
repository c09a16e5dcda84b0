package app.highway.ui.history;

import app.highway.store.CallStatistics;
import app.highway.ui.common.Formats;
import app.highway.ui.common.Words;
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

/**
 * Calls per day by outcome, cost per day, how long callers waited for the assistant per day (p50 and p90 of
 * the turns), and averages, over the history search's selection.
 */
public final class AnalyticsView {
    private final VBox root = new VBox(8);
    private final StackedBarChart<String, Number> outcomes = new StackedBarChart<>(new CategoryAxis(), new NumberAxis());
    private final BarChart<String, Number> cost = new BarChart<>(new CategoryAxis(), new NumberAxis());
    private final BarChart<String, Number> turnLatency = new BarChart<>(new CategoryAxis(), new NumberAxis());
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
        turnLatency.setId("turnLatencyChart");
        turnLatency.setTitle("Turn latency per day (ms)");
        turnLatency.setAnimated(false);
        averages.setId("averages");
        Label hint = new Label();
        hint.setId("analyticsFilter");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        hint.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> "Over the History tab's "
                + "search: " + (model.searchedFiltersProperty().get().isEmpty() ? "not run yet"
                        : model.searchedFiltersProperty().get()) + ". Change the filters there and press Search "
                + "to refresh.", model.searchedFiltersProperty()));
        HBox charts = new HBox(10, outcomes, cost, turnLatency);
        HBox.setHgrow(outcomes, Priority.ALWAYS);
        HBox.setHgrow(cost, Priority.ALWAYS);
        HBox.setHgrow(turnLatency, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        Label dialects = new Label();
        dialects.setId("dialectComparison");
        dialects.setWrapText(true);
        dialects.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.comparisonProperty().get().text(), model.comparisonProperty()));
        root.getChildren().addAll(averages, dialects, hint, charts);
        model.statisticsProperty().addListener((o, a, b) -> show(b));
        show(model.statisticsProperty().get());
    }

    private void show(CallStatistics.Summary s) {
        averages.setText(s.calls() + " calls  ·  average talk time (answer to end) " + Formats.elapsed(java.time.Duration.ofSeconds(
                Math.round(s.averageDurationSeconds()))) + "  ·  average " + Math.round(s.averageTokens())
                + " tokens per call  ·  total " + Formats.cost(s.totalCostUsd()));
        Set<String> statuses = new java.util.TreeSet<>(java.util.Comparator.comparingInt(AnalyticsView::rank)
                .thenComparing(java.util.Comparator.naturalOrder()));
        s.days().forEach(d -> statuses.addAll(d.byReflection().keySet()));
        outcomes.getData().clear();
        for (String status : statuses) {
            XYChart.Series<String, Number> series = new XYChart.Series<>();
            series.setName(Words.reflection(status));
            for (CallStatistics.Day d : s.days()) {
                series.getData().add(new XYChart.Data<>(d.date().toString(), d.byReflection().getOrDefault(status, 0)));
            }
            outcomes.getData().add(series);
            // the colour says the outcome, whatever the series' place: bars now and when (re)created
            String style = "-fx-bar-fill: " + colour(status) + ";";
            for (XYChart.Data<String, Number> d : series.getData()) {
                if (d.getNode() != null) {
                    d.getNode().setStyle(style);
                }
                d.nodeProperty().addListener((o, a, node) -> {
                    if (node != null) {
                        node.setStyle(style);
                    }
                });
            }
        }
        colourLegend(statuses);
        XYChart.Series<String, Number> costs = new XYChart.Series<>();
        s.days().forEach(d -> costs.getData().add(new XYChart.Data<>(d.date().toString(), d.costUsd())));
        cost.getData().setAll(java.util.List.of(costs));
        showTurnLatency(s);
    }

    /** p50 and p90 of the day's turns side by side; a day without turns has no bars. */
    private void showTurnLatency(CallStatistics.Summary s) {
        XYChart.Series<String, Number> p50 = new XYChart.Series<>();
        p50.setName("p50");
        XYChart.Series<String, Number> p90 = new XYChart.Series<>();
        p90.setName("p90");
        for (CallStatistics.Day d : s.days()) {
            if (d.turns() > 0) {
                p50.getData().add(new XYChart.Data<>(d.date().toString(), d.turnP50Ms()));
                p90.getData().add(new XYChart.Data<>(d.date().toString(), d.turnP90Ms()));
            }
        }
        turnLatency.getData().setAll(java.util.List.of(p50, p90));
    }

    /**
     * Each outcome's colour, the same in light and dark theme (mid tones, readable on both): successful
     * green, unsuccessful orange, system error red, user hung up grey, in progress blue, none reported
     * light grey; anything else purple.
     */
    static final java.util.Map<String, String> OUTCOME_COLOURS = java.util.Map.of(
            "successful_call", "#2da44e",
            "unsuccessful_call", "#e16f24",
            "system_error", "#cf222e",
            "user_hung_up", "#8c959f",
            "in_progress", "#218bff",
            CallStatistics.NO_REFLECTION, "#c4c9d0");
    private static final java.util.List<String> ORDER = java.util.List.of("successful_call", "unsuccessful_call",
            "user_hung_up", "in_progress", "system_error", CallStatistics.NO_REFLECTION);

    static String colour(String status) {
        return OUTCOME_COLOURS.getOrDefault(status, "#8250df");
    }

    private static int rank(String status) {
        int i = ORDER.indexOf(status);
        return i < 0 ? ORDER.size() : i;
    }

    /** The legend's symbols take the outcome colours too (the chart gives them colours by order). */
    private void colourLegend(Set<String> statuses) {
        java.util.Map<String, String> byName = new java.util.HashMap<>();
        statuses.forEach(st -> byName.put(Words.reflection(st), colour(st)));
        for (javafx.scene.Node item : outcomes.lookupAll(".chart-legend-item")) {
            if (item instanceof Label label && label.getGraphic() != null && byName.containsKey(label.getText())) {
                label.getGraphic().setStyle("-fx-background-color: " + byName.get(label.getText()) + ";");
            }
        }
    }

    public VBox node() {
        return root;
    }
}
