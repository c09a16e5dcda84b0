package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TurnLatencies;
import app.highway.config.Json;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.ui.board.BoardView;
import app.highway.ui.board.BoardViewModel;
import app.highway.ui.board.CallRow;
import app.highway.ui.call.CallDetailView;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.history.AnalyticsView;
import app.highway.ui.history.HistoryViewModel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How long callers wait for the assistant, where an operator looks: the board's "Turn latency" column, the
 * call detail's figures with each turn, and Analytics' per-day p50/p90 beside cost and outcomes.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class TurnLatencyConsoleTest {
    private static final Instant DAY1 = Snapshots.T0;
    private static final Instant DAY2 = Snapshots.T0.plusSeconds(86_400);
    private final Map<String, CallSnapshot> calls = new ConcurrentHashMap<>();
    private final ConsoleServices.History history = new ConsoleServices.History() {
        @Override
        public Optional<CallSnapshot> find(String id) {
            return Optional.ofNullable(calls.get(id));
        }

        @Override
        public CallPage list(CallQuery query) {
            return new CallPage(List.copyOf(calls.values()), null);
        }

        @Override
        public CallHistory.Deletion delete(String id) {
            return CallHistory.Deletion.NOT_FOUND;
        }
    };
    private BoardViewModel board;
    private CallDetailViewModel detail;
    private HistoryViewModel historyModel;
    private TabPane tabs;

    private static CallSnapshot withTurns(String id, Instant day, long... waitsMs) {
        CallSnapshot s = Snapshots.of(id, "+1555987654" + id.charAt(3), CallState.IN_PROGRESS, null);
        TurnLatencies t = TurnLatencies.NONE;
        for (long ms : waitsMs) {
            t = t.plus(new TurnLatencies.Turn(day, ms));
        }
        return new CallSnapshot(s.id(), s.callSid(), s.to(), s.note(), s.placedBy(), s.state(), s.reflection(),
                s.endReason(), s.usage(), s.costUsd(), s.voiceCostUsd(), s.transcriptionUsage(),
                s.transcriptionCostUsd(), day, day.plusSeconds(3), null, null, null, s.model(), s.voice(),
                s.promptVersion(), false, s.transcript(), s.timeline(), s.settings(), false, null, 0, t);
    }

    @Start
    void start(Stage stage) {
        board = new BoardViewModel(history::find, ZoneOffset.UTC);
        detail = CallDetailViewModel.live(history::find, id -> false, ZoneOffset.UTC, Runnable::run);
        historyModel = new HistoryViewModel(history, Json.mapper(), ZoneOffset.UTC, Runnable::run, Platform::runLater);
        tabs = new TabPane(new Tab("Board", new VBox(new BoardView(board).node(),
                new CallDetailView(detail, ZoneOffset.UTC, "liveDetail").node())),
                new Tab("Analytics", new AnalyticsView(historyModel).node()));
        stage.setScene(new Scene(tabs, 1500, 800));
        stage.show();
    }

    @Test
    void theBoardAndTheDetailShowTheCallsTurnsAsTheyAreMeasured(FxRobot robot) {
        calls.put("hw-1", withTurns("hw-1", DAY1));
        robot.interact(() -> {
            board.apply(List.of(new CallEvent.CallCreated("hw-1", "+15559876541", "owner", false, DAY1)), DAY1);
            detail.show("hw-1");
        });
        TableView<CallRow> table = robot.lookup("#callBoard").queryTableView();
        TableColumn<CallRow, ?> column = table.getColumns().stream()
                .filter(c -> "turnLatencyColumn".equals(c.getId())).findFirst().orElseThrow();
        assertEquals("Turn latency", column.getText());
        assertEquals("", column.getCellData(0), "no turn yet");
        Label figures = robot.lookup("#liveDetail #detailTurnLatency").queryAs(Label.class);
        assertTrue(figures.getText().startsWith("no turn yet"), figures.getText());

        // three turns measured: the tick that carries the latest updates both
        calls.put("hw-1", withTurns("hw-1", DAY1, 620, 580, 910));
        robot.interact(() -> {
            List<CallEvent> batch = List.of(new CallEvent.TurnMeasured("hw-1", 910, DAY1.plusSeconds(9)));
            board.apply(batch, DAY1.plusSeconds(9));
            detail.apply(batch);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("last 910 ms · p50 620 · p90 910", column.getCellData(0));
        assertTrue(robot.lookup("#callBoard .table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof javafx.scene.control.Labeled l
                        && "last 910 ms · p50 620 · p90 910".equals(l.getText())), "the cell shows it");
        assertEquals("last 910 ms · p50 620 · p90 910 · 3 turns\n620, 580, 910 ms", figures.getText());
        assertTrue(figures.isVisible());
    }

    @Test
    void analyticsShowsEachDaysP50AndP90BesideCostAndOutcomes(FxRobot robot) throws Exception {
        calls.put("hw-1", withTurns("hw-1", DAY1, 300, 580, 620));
        calls.put("hw-2", withTurns("hw-2", DAY1, 910, 1200));
        calls.put("hw-3", withTurns("hw-3", DAY2, 450));
        robot.interact(() -> tabs.getSelectionModel().select(1));
        robot.interact(historyModel::search);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyModel.rows().size() == 3);
        WaitForAsyncUtils.waitForFxEvents();
        @SuppressWarnings("unchecked")
        BarChart<String, Number> chart = robot.lookup("#turnLatencyChart").queryAs(BarChart.class);
        assertTrue(chart.isVisible() && robot.lookup("#costChart").tryQuery().isPresent()
                && robot.lookup("#outcomesChart").tryQuery().isPresent(), "beside cost and outcomes");
        assertEquals(List.of("p50", "p90"), chart.getData().stream().map(XYChart.Series::getName).toList());
        assertEquals(List.of("2025-03-04=620", "2025-03-05=450"), points(chart.getData().get(0)));
        assertEquals(List.of("2025-03-04=1200", "2025-03-05=450"), points(chart.getData().get(1)));
    }

    private static List<String> points(XYChart.Series<String, Number> series) {
        return series.getData().stream().map(d -> d.getXValue() + "=" + d.getYValue()).toList();
    }
}
