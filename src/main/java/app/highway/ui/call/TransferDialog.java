package app.highway.ui.call;

import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** "Transfer…": the number (the bridge's transfer number to start with) and cold or warm. */
final class TransferDialog {
    /** What the person chose: {@code number} blank means the bridge's transfer number. */
    record Transfer(String number, boolean warm) { }

    private TransferDialog() {
    }

    static Optional<Transfer> ask(Node owner, String prefilled) {
        Dialog<Transfer> dialog = new Dialog<>();
        dialog.setTitle("Transfer the call");
        dialog.setHeaderText("Send the call to a person's phone");
        if (owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
        }
        TextField number = new TextField(prefilled);
        number.setId("transferNumber");
        number.setPromptText(prefilled.isEmpty() ? "+15551234567" : prefilled);
        ToggleGroup kind = new ToggleGroup();
        RadioButton cold = new RadioButton("Cold: connect at once");
        cold.setId("transferCold");
        cold.setToggleGroup(kind);
        cold.setSelected(true);
        RadioButton warm = new RadioButton("Warm: the person hears a short summary first");
        warm.setId("transferWarm");
        warm.setToggleGroup(kind);
        Label hint = new Label("Leave the number empty to use the bridge's transfer number.");
        hint.getStyleClass().add("supervise-readout");
        dialog.getDialogPane().setContent(new VBox(8, new Label("Number"), number, cold, warm, hint));
        ButtonType send = new ButtonType("Transfer", javafx.scene.control.ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(send, ButtonType.CANCEL);
        dialog.getDialogPane().lookupButton(send).setId("transferConfirm");
        dialog.setResultConverter(b -> b == send ? new Transfer(number.getText(), warm.isSelected()) : null);
        return dialog.showAndWait();
    }
}
