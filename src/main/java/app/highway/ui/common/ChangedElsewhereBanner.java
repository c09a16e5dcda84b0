package app.highway.ui.common;

import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What an editor tab shows about a change saved elsewhere: a banner, while its unsaved edits are over an older
 * version, offering to reload (discarding the edits) or to keep editing; and a short notice when it reloaded by
 * itself. Ids are {@code <prefix>ChangedBanner}, {@code reload<Prefix>Button}, {@code keep<Prefix>Button} and
 * {@code <prefix>Notice}.
 */
public final class ChangedElsewhereBanner {
    private ChangedElsewhereBanner() {
    }

    public static VBox node(String prefix, String what, ObservableBooleanValue shown, ObservableStringValue notice,
            Runnable reload, Runnable keep) {
        String capital = Character.toUpperCase(prefix.charAt(0)) + prefix.substring(1);
        Label text = new Label(what + " changed elsewhere.");
        text.setWrapText(true);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button reloadButton = new Button("Reload (discard your edits)");
        reloadButton.setId("reload" + capital + "Button");
        reloadButton.setOnAction(e -> reload.run());
        Button keepButton = new Button("Keep editing");
        keepButton.setId("keep" + capital + "Button");
        keepButton.setOnAction(e -> keep.run());
        HBox banner = new HBox(8, text, reloadButton, keepButton);
        banner.setId(prefix + "ChangedBanner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("warning-banner");
        banner.visibleProperty().bind(shown);
        banner.managedProperty().bind(shown);
        Label note = new Label();
        note.setId(prefix + "Notice");
        note.getStyleClass().add("hint");
        note.textProperty().bind(notice);
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        return new VBox(4, banner, note);
    }
}
