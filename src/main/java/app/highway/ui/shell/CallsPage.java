package app.highway.ui.shell;

import app.highway.ConsoleServices;
import app.highway.call.NumberPolicy;
import app.highway.call.CallEvent;
import app.highway.call.CallSnapshot;
import app.highway.store.CallPage;
import app.highway.store.CallQuery;
import app.highway.ui.board.BoardView;
import app.highway.ui.board.BoardViewModel;
import app.highway.ui.call.CallDetailView;
import app.highway.ui.call.CallDetailViewModel;
import app.highway.ui.call.SuperviseMenu;
import app.highway.ui.call.SupervisePane;
import app.highway.ui.call.SuperviseViewModel;
import app.highway.ui.common.Background;
import app.highway.ui.launch.NewCallView;
import app.highway.ui.launch.NewCallViewModel;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.BorderPane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Calls tab: the new-call form beside the live board and the selected call's detail. A call
 * placed from the form is selected on the board as soon as its row appears.
 */
final class CallsPage {
    private static final Logger log = LoggerFactory.getLogger(CallsPage.class);
    private final BoardViewModel board;
    private final CallDetailViewModel detail;
    private final SuperviseViewModel supervise;
    private final Background background;
    private final BoardView boardView;
    private final NewCallView newCallView;
    private final BorderPane root;
    private final SplitPane split;
    private String selectWhenShown;

    CallsPage(ConsoleServices.Calls calls, NumberPolicy numbers, String defaultCountry, ZoneId zone,
            Background background,
            ToolbarViewModel toolbar, SuperviseViewModel supervise) {
        this.supervise = supervise;
        this.background = background;
        board = new BoardViewModel(calls::snapshot, zone);
        board.searchProperty().bind(toolbar.searchProperty());
        board.filterProperty().bind(toolbar.filterProperty());
        detail = CallDetailViewModel.live(calls::snapshot, calls::hangUp, zone, background);
        boardView = new BoardView(board);
        boardView.node().getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            toolbar.selectedLiveProperty().unbind();
            toolbar.selectedLiveProperty().set(false);
            if (row != null) {
                toolbar.selectedLiveProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                        () -> !row.stateProperty().get().isFinal(), row.stateProperty()));
            }
            toolbar.selectedCallProperty().set(row == null ? null : row.id());
            // a row that leaves the board (deleted, filtered out, expired) takes the detail with it
            detail.show(row == null ? null : row.id());
            supervise.show(row == null ? null : row.id());
        });
        newCallView = new NewCallView(new NewCallViewModel(calls::place, background::supply, numbers, defaultCountry),
                id -> selectWhenShown = id);
        CallDetailView detailView = new CallDetailView(detail, zone, "callDetail");
        detailView.addSection(new SupervisePane(supervise).node());
        boardView.node().setContextMenu(SuperviseMenu.of(supervise));
        split = new SplitPane(boardView.node(), detailView.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root = new BorderPane(split);
        root.setLeft(newCallView.node());
    }

    /** One tick's batch of the bridge's events. */
    void apply(List<CallEvent> batch, Instant now) {
        board.apply(batch, now);
        detail.apply(batch);
        supervise.apply(batch);
        if (selectWhenShown != null) {
            board.row(selectWhenShown).ifPresent(row -> {
                boardView.node().getSelectionModel().select(row);
                selectWhenShown = null;
            });
        }
    }

    /** The calls since {@code midnight} from the store, read off the FX thread, so that "Today" survives a restart. */
    void loadToday(ConsoleServices.History past, Instant midnight) {
        background.supply(() -> {
            List<CallSnapshot> today = new ArrayList<>();
            String cursor = null;
            do {
                CallPage page = past.list(new CallQuery(midnight, null, null, null, null, CallQuery.MAX_LIMIT, cursor));
                today.addAll(page.calls());
                cursor = page.nextCursor();
            } while (cursor != null);
            return today;
        }).whenComplete((today, error) -> {
            if (error != null) {
                log.warn("Could not read today's calls from the store: {}", error.getMessage());
            } else {
                Platform.runLater(() -> board.seedToday(today));
            }
        });
    }

    /** Where the divider between the board and the call detail is (0 to 1), remembered between runs. */
    javafx.beans.property.DoubleProperty dividerProperty() {
        return split.getDividers().get(0).positionProperty();
    }

    void focusNewCall() {
        newCallView.focus();
    }

    BoardViewModel board() {
        return board;
    }

    Node node() {
        return root;
    }
}
