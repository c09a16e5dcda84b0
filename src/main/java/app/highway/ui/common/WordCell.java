package app.highway.ui.common;

import java.util.function.Function;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;

/** A table cell that shows a raw value in words (see {@link Words}), with the raw value in its tooltip. */
public final class WordCell<S> extends TableCell<S, String> {
    private final Function<String, String> words;
    private final Tooltip tooltip = new Tooltip();

    public WordCell(Function<String, String> words) {
        this.words = words;
    }

    @Override
    protected void updateItem(String raw, boolean empty) {
        super.updateItem(raw, empty);
        if (empty || raw == null || raw.isEmpty()) {
            setText(null);
            setTooltip(null);
            return;
        }
        setText(words.apply(raw));
        tooltip.setText(raw);
        setTooltip(tooltip);
    }
}
