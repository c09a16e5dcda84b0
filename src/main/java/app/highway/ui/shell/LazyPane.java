package app.highway.ui.shell;

import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.layout.StackPane;

/**
 * A tab's content that is built the first time the tab is shown, not when the window opens: the console's
 * start-up then styles and lays out the Calls page alone, not every tab hidden behind it. The pane itself
 * exists from the start (ids and read-only wrappers around it can be looked up at once); what it holds
 * comes on first selection and stays.
 */
final class LazyPane extends StackPane {
    private Supplier<Node> content;

    private LazyPane(Supplier<Node> content) {
        this.content = content;
    }

    /** {@code tab}'s content becomes a pane filled by {@code content} when the tab is first selected. */
    static Tab fillWhenShown(Tab tab, Supplier<Node> content) {
        LazyPane pane = new LazyPane(content);
        tab.setContent(pane);
        if (tab.isSelected()) {
            pane.fill();
        } else {
            tab.selectedProperty().addListener((o, was, selected) -> {
                if (selected) {
                    pane.fill();
                }
            });
        }
        return tab;
    }

    /** FX thread; once. */
    private void fill() {
        if (content != null) {
            getChildren().setAll(content.get());
            content = null;
        }
    }
}
