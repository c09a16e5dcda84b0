package app.highway.ui.shell;

import java.util.List;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * The console's keyboard shortcuts, in one place: the window registers them, the toolbar's tooltips
 * name them, and Help → Keyboard shortcuts lists them (in the platform's spelling: Ctrl+N, ⌘N).
 */
final class Shortcuts {
    static final KeyCodeCombination NEW_CALL = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    static final KeyCodeCombination SEARCH = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCodeCombination HANG_UP = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    static final KeyCodeCombination ABOUT = new KeyCodeCombination(KeyCode.F1);
    static final KeyCodeCombination LIST = new KeyCodeCombination(KeyCode.SLASH, KeyCombination.SHORTCUT_DOWN);

    /** One shortcut and what it does. */
    record Shortcut(KeyCodeCombination keys, String does) { }

    static final List<Shortcut> ALL = List.of(
            new Shortcut(NEW_CALL, "New verification call: go to the form"),
            new Shortcut(SEARCH, "Search the board by number"),
            new Shortcut(HANG_UP, "Hang up the selected live call"),
            new Shortcut(LIST, "This list of keyboard shortcuts"),
            new Shortcut(ABOUT, "About: version, and where settings, logs and the API token are"),
            new Shortcut(new KeyCodeCombination(KeyCode.ENTER), "In the form: review the call, then place it"));

    private Shortcuts() {
    }

    /** A tooltip text naming its shortcut: "Hang up the selected live call (Ctrl+Shift+H)". */
    static String tip(String text, KeyCombination keys) {
        return text + " (" + keys.getDisplayText() + ")";
    }

    /** Help → Keyboard shortcuts: the list, over {@code owner}, without blocking. */
    static Dialog<ButtonType> show(Window owner) {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        grid.setId("shortcutsList");
        int row = 0;
        for (Shortcut s : ALL) {
            Label keys = new Label(s.keys().getCode() == KeyCode.ENTER ? "Enter" : s.keys().getDisplayText());
            keys.getStyleClass().add("text-bold");
            grid.addRow(row++, keys, new Label(s.does()));
        }
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Keyboard shortcuts");
        dialog.setHeaderText("Keyboard shortcuts");
        dialog.getDialogPane().setId("shortcutsDialog");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
        return dialog;
    }
}
