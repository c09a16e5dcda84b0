package app.highway.ui.board;

import app.highway.call.CallState;
import app.highway.call.Speaker;
import app.highway.ui.common.Formats;
import app.highway.ui.common.WordCell;
import app.highway.ui.common.Words;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;

import javafx.collections.transformation.SortedList;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/** The live call board as a sortable table; every cell is bound to its {@link CallRow}. */
public final class BoardView {
    static final double ROW_HEIGHT = 30;
    /** Room kept for the vertical scroll bar, so that a full board does not scroll sideways too. */
    private static final double SCROLL_BAR_ROOM = 16;
    private final TableView<CallRow> table = new TableView<>();

    public BoardView(BoardViewModel model) {
        table.setId("callBoard");
        table.getStyleClass().add("call-board");
        Label placeholder = new Label();
        placeholder.setId("boardPlaceholder");
        placeholder.textProperty().bind(model.placeholder());
        table.setPlaceholder(placeholder);
        // unconstrained, so that a narrow window scrolls sideways instead of cutting off the last columns;
        // "Latest" takes whatever width the others leave (see fillWithLatest)
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        // every row is one line: with a fixed height the table lays out only the cells that changed instead of
        // measuring each visible row on every pulse (most rows change every tick with 200 live calls)
        table.setFixedCellSize(ROW_HEIGHT);

        TableColumn<CallRow, String> number = new TableColumn<>("Number");
        number.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().maskedNumber()));
        fixed(number, 135);

        TableColumn<CallRow, String> placedBy = new TableColumn<>("Placed by");
        placedBy.setId("placedByColumn");
        placedBy.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().placedBy()));
        fixed(placedBy, 100);

        TableColumn<CallRow, CallRow> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> Bindings.createObjectBinding(c::getValue,
                c.getValue().stateProperty(), c.getValue().elapsedProperty()));
        state.setCellFactory(col -> new StateCell());
        state.setComparator((a, b) -> a.stateProperty().get().compareTo(b.stateProperty().get()));
        fixed(state, 150);

        // "Talk" is the talk time (answer to end) elsewhere; this column is who is speaking now
        TableColumn<CallRow, Speaker> speaking = new TableColumn<>("Speaking");
        speaking.setCellValueFactory(c -> c.getValue().speakingProperty());
        speaking.setCellFactory(col -> new SpeakerCell());
        fixed(speaking, 96);

        TableColumn<CallRow, String> line = new TableColumn<>("Latest");
        line.setCellValueFactory(c -> c.getValue().lastLineProperty());
        line.setMinWidth(130);
        line.setPrefWidth(400);

        TableColumn<CallRow, String> reflection = new TableColumn<>("Reflection");
        reflection.setCellValueFactory(c -> c.getValue().reflectionProperty());
        reflection.setCellFactory(col -> new WordCell<>(Words::reflection));
        fixed(reflection, 135);

        TableColumn<CallRow, Number> tokens = new TableColumn<>("Tokens");
        tokens.setCellValueFactory(c -> c.getValue().tokensProperty());
        fixed(tokens, 80);
        tokens.getStyleClass().add("numeric");

        TableColumn<CallRow, Number> cost = new TableColumn<>("Cost");
        cost.setCellValueFactory(c -> c.getValue().costProperty());
        cost.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Number item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : Formats.cost(item.doubleValue()));
            }
        });
        fixed(cost, 76);
        cost.getStyleClass().add("numeric");

        TableColumn<CallRow, String> turnLatency = new TableColumn<>("Turn latency");
        turnLatency.setId("turnLatencyColumn");
        turnLatency.setCellValueFactory(c -> c.getValue().turnLatencyProperty());
        fixed(turnLatency, 225);

        table.getColumns().setAll(java.util.List.of(number, placedBy, state, speaking, line, reflection, tokens,
                cost, turnLatency));
        SortedList<CallRow> sorted = new SortedList<>(model.visibleRows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        fillWithLatest(line);
    }

    /**
     * Gives "Latest" the width the other columns leave, down to its minimum; below that the table
     * scrolls sideways, so every column stays reachable in a small window.
     */
    private void fillWithLatest(TableColumn<CallRow, String> latest) {
        Runnable fit = () -> {
            double others = table.getColumns().stream().filter(c -> c != latest).mapToDouble(TableColumn::getWidth)
                    .sum();
            double room = table.getWidth() - table.snappedLeftInset() - table.snappedRightInset() - others
                    - SCROLL_BAR_ROOM;
            latest.setPrefWidth(Math.max(latest.getMinWidth(), Math.floor(room)));
        };
        table.widthProperty().addListener((o, a, b) -> fit.run());
        table.getColumns().stream().filter(c -> c != latest)
                .forEach(c -> c.widthProperty().addListener((o, a, b) -> fit.run()));
    }

    private static void fixed(TableColumn<CallRow, ?> column, double width) {
        column.setMinWidth(width);
        column.setPrefWidth(width);
        column.setMaxWidth(width * 1.6);
    }

    public TableView<CallRow> node() {
        return table;
    }

    /** Changes its style class only when the state's colour changes: restyling every tick costs CSS passes. */
    private static final class StateCell extends TableCell<CallRow, CallRow> {
        private String style;

        @Override
        protected void updateItem(CallRow row, boolean empty) {
            super.updateItem(row, empty);
            String next = empty || row == null ? null : Formats.stateStyle(row.stateProperty().get());
            if (!java.util.Objects.equals(style, next)) {
                if (style != null) {
                    getStyleClass().remove(style);
                }
                if (next != null) {
                    getStyleClass().add(next);
                }
                style = next;
            }
            if (empty || row == null) {
                setText(null);
                return;
            }
            CallState s = row.stateProperty().get();
            setText(s.wire() + "  " + Formats.elapsed(row.elapsedProperty().get()));
        }
    }

    /** One icon node per speaker, made once per cell and swapped, never rebuilt per update. */
    private static final class SpeakerCell extends TableCell<CallRow, Speaker> {
        private final FontIcon assistant = icon(MaterialDesignR.ROBOT, "speaker-assistant");
        private final FontIcon caller = icon(MaterialDesignA.ACCOUNT_VOICE, "speaker-caller");
        private final javafx.scene.control.Tooltip assistantTip = new javafx.scene.control.Tooltip(
                "The assistant is speaking");
        private final javafx.scene.control.Tooltip callerTip = new javafx.scene.control.Tooltip("The caller is speaking");

        private static FontIcon icon(org.kordamp.ikonli.Ikon ikon, String style) {
            FontIcon icon = new FontIcon(ikon);
            icon.getStyleClass().add(style);
            return icon;
        }

        @Override
        protected void updateItem(Speaker speaker, boolean empty) {
            super.updateItem(speaker, empty);
            setText(null);
            if (empty || speaker == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            boolean isAssistant = speaker == Speaker.ASSISTANT;
            setGraphic(isAssistant ? assistant : caller);
            setTooltip(isAssistant ? assistantTip : callerTip);
        }
    }

}
