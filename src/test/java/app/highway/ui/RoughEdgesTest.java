package app.highway.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.ConsoleServices;
import app.highway.call.CallSnapshot;
import app.highway.call.CallState;
import app.highway.call.TimelineEntry;
import app.highway.config.CallSettings;
import app.highway.config.Json;
import app.highway.store.CallHistory;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.ui.call.CallDetailView;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.history.AnalyticsView;
import app.highway.ui.history.HistoryView;
import app.highway.ui.history.HistoryViewModel;
import app.highway.ui.settings.SettingsView;
import app.highway.ui.settings.SettingsViewModel;
import app.highway.usage.PriceTable;
import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.StackedBarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a new user tripped over, view by view, without a bridge: settings (price warning, sections,
 * the search box on the dark theme), analytics colours, history's Enter, the call's price banner.
 */
@ExtendWith(ApplicationExtension.class)
@Tag("ui")
class RoughEdgesTest {
    private final List<CallSnapshot> stored = new CopyOnWriteArrayList<>();
    private final List<CallQuery> queries = new CopyOnWriteArrayList<>();
    private final ConsoleServices.History history = new ConsoleServices.History() {
        @Override
        public Optional<CallSnapshot> find(String id) {
            return stored.stream().filter(c -> c.id().equals(id)).findFirst();
        }

        @Override
        public CallPage list(CallQuery query) {
            queries.add(query);
            return new CallPage(List.copyOf(stored), null);
        }

        @Override
        public CallHistory.Deletion delete(String id) {
            return CallHistory.Deletion.NOT_FOUND;
        }
    };
    private final AtomicReference<CallSettings> settings = new AtomicReference<>(CallSettings.defaults("gpt-realtime"));
    private final AtomicReference<PriceTable> prices = new AtomicReference<>(PriceTable.defaults());
    private Scene scene;
    private HistoryViewModel historyModel;

    @Start
    void start(Stage stage) {
        stored.add(call("hw-1", "unsuccessful_call"));
        stored.add(call("hw-2", "successful_call"));
        stored.add(call("hw-3", "system_error"));
        stored.add(call("hw-4", "user_hung_up"));
        historyModel = new HistoryViewModel(history, Json.mapper(), ZoneOffset.UTC, Runnable::run, Platform::runLater);
        SettingsViewModel settingsModel = new SettingsViewModel(ConsoleServices.Stored.of(settings::get, settings::set),
                ConsoleServices.Stored.of(prices::get, prices::set), Runnable::run, Platform::runLater);
        CallDetailViewModel detail = CallDetailViewModel.live(history::find, id -> false, ZoneOffset.UTC, Runnable::run);
        TabPane tabs = new TabPane(new Tab("Settings", new SettingsView(settingsModel).node()),
                new Tab("History", new HistoryView(historyModel, detail, ZoneOffset.UTC).node()),
                new Tab("Analytics", new AnalyticsView(historyModel).node()));
        tabs.setId("tabs");
        scene = new Scene(tabs, 1300, 800);
        scene.getStylesheets().add(getClass().getResource("/app/highway/ui/console.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void lightAgain() {
        WaitForAsyncUtils.asyncFx(() -> Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static CallSnapshot call(String id, String reflection) {
        return Snapshots.of(id, "+1555987654" + id.charAt(3), CallState.COMPLETED, reflection);
    }

    private void theme(boolean dark) {
        WaitForAsyncUtils.asyncFx(() -> {
            Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                    : new PrimerLight().getUserAgentStylesheet());
            scene.getRoot().applyCss();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void select(FxRobot robot, int tab) {
        robot.interact(() -> ((TabPane) scene.getRoot()).getSelectionModel().select(tab));
    }

    /** Before: the search box's text was black on the dark theme (the ControlsFX colour did not resolve). */
    @Test
    void theSettingsSearchBoxIsReadableInBothThemes(FxRobot robot) {
        for (boolean dark : new boolean[] {true, false}) {
            theme(dark);
            TextField search = robot.lookup("#settingsSearch").queryAs(TextField.class);
            robot.interact(() -> search.setText("voice"));
            WaitForAsyncUtils.waitForFxEvents();
            Text text = search.lookupAll(".text").stream().filter(n -> n instanceof Text t
                    && "voice".equals(t.getText())).map(Text.class::cast).findFirst().orElseThrow();
            Color fill = (Color) text.getFill();
            Color background = colour(search.getBackground().getFills().get(search.getBackground().getFills().size() - 1)
                    .getFill());
            double contrast = Math.abs(fill.getBrightness() - background.getBrightness());
            assertTrue(contrast > 0.5, (dark ? "dark" : "light") + ": text " + fill + " on " + background);
            robot.interact(() -> search.setText(""));
        }
    }

    /** Before: an accordion, one section open at a time, and any model accepted without a word. */
    @Test
    void settingsSectionsOpenTogetherAndAModelWithoutAPriceIsToldAtOnce(FxRobot robot) {
        long open = robot.lookup("#settingsSheet .titled-pane").queryAllAs(TitledPane.class).stream()
                .filter(TitledPane::isExpanded).count();
        assertTrue(open >= 2, open + " sections open");
        Label warning = robot.lookup("#modelPriceWarning").queryAs(Label.class);
        assertTrue(!warning.isVisible());
        TextField modelField = robot.lookup("#settingsSheet .text-field")
                .match(n -> "gpt-realtime".equals(((TextField) n).getText())).queryAs(TextField.class);
        robot.interact(() -> modelField.setText("gpt-4o"));
        assertTrue(warning.isVisible());
        assertTrue(warning.getText().contains("probably not a Realtime model"), warning.getText());
        assertTrue(modelField.getWidth() < 400, "a field at a sensible width: " + modelField.getWidth());
        Label note = robot.lookup("#temperatureNote").queryAs(Label.class);
        TextField temperature = robot.lookup("#settingsSheet .text-field")
                .match(n -> "0.6".equals(((TextField) n).getText())).queryAs(TextField.class);
        double noteY = note.localToScene(0, 0).getY();
        double fieldY = temperature.localToScene(0, 0).getY();
        assertTrue(Math.abs(noteY - fieldY) < temperature.getHeight(), "the temperature note is beside its field");
        assertTrue(note.localToScene(0, 0).getX() > temperature.localToScene(0, 0).getX());
    }

    /** Before: colours by series order (unsuccessful green, successful orange). */
    @Test
    void analyticsColoursSayTheOutcomeInBothThemes(FxRobot robot) throws Exception {
        select(robot, 2);
        robot.interact(historyModel::search);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyModel.rows().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        for (boolean dark : new boolean[] {false, true}) {
            theme(dark);
            @SuppressWarnings("unchecked")
            StackedBarChart<String, Number> chart = robot.lookup("#outcomesChart").queryAs(StackedBarChart.class);
            near("#2da44e", barFill(chart, "Successful"));
            near("#e16f24", barFill(chart, "Unsuccessful"));
            near("#cf222e", barFill(chart, "System error"));
            near("#8c959f", barFill(chart, "User hung up"));
            Node successfulSymbol = chart.lookupAll(".chart-legend-item").stream()
                    .filter(n -> "Successful".equals(((Label) n).getText())).findFirst()
                    .map(n -> ((Label) n).getGraphic()).orElseThrow();
            near("#2da44e", colour(((Region) successfulSymbol).getBackground().getFills().get(0).getFill()));
        }
        String filter = robot.lookup("#analyticsFilter").queryAs(Label.class).getText();
        assertTrue(filter.contains("state any · reflection any"), filter);
    }

    private static Color barFill(StackedBarChart<String, Number> chart, String series) {
        XYChart.Series<String, Number> s = chart.getData().stream().filter(x -> x.getName().equals(series))
                .findFirst().orElseThrow();
        Region bar = (Region) s.getData().get(0).getNode();
        return colour(bar.getBackground().getFills().get(0).getFill());
    }

    /** A fill's colour (a theme may shade bars with a gradient of the colour). */
    private static Color colour(javafx.scene.paint.Paint paint) {
        return paint instanceof javafx.scene.paint.LinearGradient g ? g.getStops().get(0).getColor() : (Color) paint;
    }

    private static void near(String expected, Color actual) {
        Color e = Color.web(expected);
        double d = Math.abs(e.getRed() - actual.getRed()) + Math.abs(e.getGreen() - actual.getGreen())
                + Math.abs(e.getBlue() - actual.getBlue());
        assertTrue(d < 0.15, "expected about " + expected + " but was " + actual);
    }

    /** Before: History was empty until Search was pressed, and Enter in its filters did nothing. */
    @Test
    void historyLoadsWhenOpenedAndSearchesOnEnter(FxRobot robot) throws Exception {
        robot.interact(historyModel::opened);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> historyModel.rows().size() == 4);
        select(robot, 1);
        int before = queries.size();
        robot.clickOn("#historyNumber").write("6543").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> queries.size() > before);
        assertEquals("6543", queries.get(queries.size() - 1).number());
    }

    /** Before: the "No price is set" problem was one line in the call's timeline. */
    @Test
    void aCallWithoutAPriceShowsABanner(FxRobot robot) throws Exception {
        CallSnapshot c = call("hw-9", null);
        stored.add(new CallSnapshot(c.id(), c.callSid(), c.to(), c.note(), c.state(), c.reflection(), c.endReason(),
                c.usage(), 0, c.createdAt(), c.answeredAt(), c.endedAt(), c.durationSeconds(), c.speaking(), "my-model",
                c.voice(), c.promptVersion(), c.simulated(), c.transcript(), List.of(new TimelineEntry(Snapshots.T0,
                        "problem", "No price is set for model my-model: its cost shows as $0")), c.settings()));
        CallDetailViewModel detail = CallDetailViewModel.live(history::find, id -> false, ZoneOffset.UTC, Runnable::run);
        AtomicReference<CallDetailView> view = new AtomicReference<>();
        robot.interact(() -> {
            view.set(new CallDetailView(detail, ZoneOffset.UTC, "bannerDetail"));
            ((TabPane) scene.getRoot()).getTabs().add(new Tab("Detail", view.get().node()));
            ((TabPane) scene.getRoot()).getSelectionModel().select(3);
        });
        Label banner = robot.lookup("#bannerDetail #detailPriceWarning").queryAs(Label.class);
        robot.interact(() -> detail.show("hw-1"));
        assertTrue(!banner.isVisible());
        robot.interact(() -> detail.show("hw-9"));
        assertTrue(banner.isVisible());
        assertTrue(banner.getText().startsWith("No price is set for model my-model"), banner.getText());
    }

    /** Before: the live timeline stayed at its top while events arrived below. */
    @Test
    void theLiveTimelineFollowsNewEvents(FxRobot robot) {
        CallSnapshot c = Snapshots.of("hw-8", "+15559876548", CallState.IN_PROGRESS, null);
        List<TimelineEntry> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(new TimelineEntry(Snapshots.T0.plusSeconds(i), "model", "event " + i));
        }
        stored.add(c);
        CallDetailViewModel detail = CallDetailViewModel.live(history::find, id -> false, ZoneOffset.UTC, Runnable::run);
        robot.interact(() -> {
            CallDetailView view = new CallDetailView(detail, ZoneOffset.UTC, "liveDetail");
            ((TabPane) view.node().lookup(".tab-pane")).getSelectionModel().select(1);
            ((TabPane) scene.getRoot()).getTabs().add(new Tab("Live", view.node()));
            ((TabPane) scene.getRoot()).getSelectionModel().select(3);
            detail.show("hw-8");
        });
        stored.remove(c);
        stored.add(new CallSnapshot(c.id(), c.callSid(), c.to(), c.note(), c.state(), c.reflection(), c.endReason(),
                c.usage(), c.costUsd(), c.createdAt(), c.answeredAt(), c.endedAt(), c.durationSeconds(), c.speaking(),
                c.model(), c.voice(), c.promptVersion(), c.simulated(), c.transcript(), events, c.settings()));
        robot.interact(() -> detail.apply(List.of(new app.highway.call.CallEvent.CallProblem("hw-8", "x",
                Snapshots.T0))));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.ListView<?> timeline = robot.lookup("#liveDetail #timeline").queryListView();
        assertEquals(60, timeline.getItems().size());
        var flow = (javafx.scene.control.skin.VirtualFlow<?>) timeline.lookup(".virtual-flow");
        assertEquals(59, flow.getLastVisibleCell().getIndex(), "the newest event is in sight");
    }
}
