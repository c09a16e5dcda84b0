package app.highway.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A tab built the first time it is shown: the console opens with its Calls page alone built, and a tab's page
 * is there, once, as soon as the tab is shown (and stays when another tab is shown).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LazyPaneTest {
    private final AtomicInteger built = new AtomicInteger();
    private TabPane tabs;

    @Start
    void start(Stage stage) {
        tabs = new TabPane(new Tab("Calls", new Label("calls")), LazyPane.fillWhenShown(new Tab("History"), () -> {
            built.incrementAndGet();
            Label page = new Label("history page");
            page.setId("historyPage");
            return page;
        }));
        stage.setScene(new Scene(tabs, 400, 300));
        stage.show();
    }

    @Test
    void aTabsPageIsBuiltWhenItIsFirstShownAndOnlyThen(FxRobot robot) {
        assertEquals(0, built.get(), "nothing built for a tab not shown yet");
        assertTrue(robot.lookup("#historyPage").tryQuery().isEmpty());

        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertEquals("history page", robot.lookup("#historyPage").queryAs(Label.class).getText());

        robot.interact(() -> tabs.getSelectionModel().select(0));
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertEquals(1, built.get(), "built once, kept afterwards");
        assertEquals(1, robot.lookup("#historyPage").queryAll().size());
    }
}
