package app.highway.ui.call;

import app.highway.call.Speaker;
import app.highway.call.TranscriptLine;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignN;

/**
 * One transcript line: what the assistant and the caller said, and a supervisor's note to the assistant set
 * apart (its own style and icon, "Note to the assistant"), since the caller never heard it.
 */
final class TranscriptCell extends ListCell<TranscriptLine> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final ZoneId zone;
    private final FontIcon note = new FontIcon(MaterialDesignN.NOTE_TEXT_OUTLINE);
    private final Tooltip noteTip = new Tooltip("A supervisor's note to the assistant: the caller did not hear it");

    TranscriptCell(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    protected void updateItem(TranscriptLine line, boolean empty) {
        super.updateItem(line, empty);
        getStyleClass().removeAll("line-assistant", "line-caller", "line-supervisor");
        setGraphic(null);
        setTooltip(null);
        if (empty || line == null) {
            setText(null);
            return;
        }
        setWrapText(true);
        setPrefWidth(0);
        String time = TIME.format(line.at().atZone(zone)) + "  ";
        if (line.speaker() == Speaker.SUPERVISOR) {
            getStyleClass().add("line-supervisor");
            setGraphic(note);
            setTooltip(noteTip);
            setText(time + "Note to the assistant:  " + line.text());
            return;
        }
        boolean assistant = line.speaker() == Speaker.ASSISTANT;
        getStyleClass().add(assistant ? "line-assistant" : "line-caller");
        setText(time + (assistant ? "Assistant" : "Caller") + ":  " + line.text());
    }
}
