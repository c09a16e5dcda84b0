package app.highway.ui.call;

import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignN;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The board's context menu: the same powers as the call detail's Supervise section, on the call right-clicked
 * (the board selects it, so the detail shows it too), enabled alike.
 */
public final class SuperviseMenu {
    private SuperviseMenu() {
    }

    public static ContextMenu of(SuperviseViewModel model) {
        MenuItem listen = new MenuItem();
        listen.setId("menuListen");
        listen.setGraphic(new FontIcon(MaterialDesignH.HEADPHONES));
        listen.textProperty().bind(javafx.beans.binding.Bindings.when(model.listeningProperty())
                .then("Stop listening").otherwise("Listen in"));
        listen.disableProperty().bind(model.mayListenProperty().not().and(model.listeningProperty().not()));
        listen.setOnAction(e -> model.toggleListen());

        MenuItem whisper = new MenuItem("Whisper to the assistant…", new FontIcon(MaterialDesignN.NOTE_TEXT_OUTLINE));
        whisper.setId("menuWhisper");
        whisper.disableProperty().bind(model.maySteerProperty().not());
        whisper.setOnAction(e -> ask("Whisper to the assistant", "The caller does not hear it").ifPresent(text -> {
            model.whisperProperty().set(text);
            model.sendWhisper();
        }));

        MenuItem say = new MenuItem("Say this…", new FontIcon(MaterialDesignT.TEXT_TO_SPEECH));
        say.setId("menuSay");
        say.disableProperty().bind(model.maySteerProperty().not());
        say.setOnAction(e -> ask("Say this", "The assistant speaks it word for word").ifPresent(text -> {
            model.sayProperty().set(text);
            model.sendSay();
        }));

        MenuItem mute = new MenuItem();
        mute.setId("menuMute");
        mute.setGraphic(new FontIcon(MaterialDesignV.VOLUME_OFF));
        mute.textProperty().bind(javafx.beans.binding.Bindings.when(model.mutedProperty())
                .then("Unmute the assistant").otherwise("Mute the assistant"));
        mute.disableProperty().bind(model.maySteerProperty().not());
        mute.setOnAction(e -> model.toggleMute());

        MenuItem takeOver = new MenuItem();
        takeOver.setId("menuTakeOver");
        takeOver.setGraphic(new FontIcon(MaterialDesignM.MICROPHONE));
        takeOver.textProperty().bind(javafx.beans.binding.Bindings.when(model.takenOverProperty())
                .then("Hand back to the assistant").otherwise("Take over"));
        takeOver.disableProperty().bind(model.mayTakeOverProperty().not().and(model.takenOverProperty().not()));
        takeOver.setOnAction(e -> model.toggleTakeOver());

        MenuItem transfer = new MenuItem("Transfer…", new FontIcon(MaterialDesignP.PHONE_FORWARD));
        transfer.setId("menuTransfer");
        transfer.disableProperty().bind(model.mayTransferProperty().not());
        ContextMenu menu = new ContextMenu(listen, whisper, say, mute, new SeparatorMenuItem(), takeOver, transfer);
        transfer.setOnAction(e -> TransferDialog.ask(menu.getOwnerNode(), model.transferNumber())
                .ifPresent(t -> model.transfer(t.number(), t.warm())));
        menu.setId("superviseMenu");
        return menu;
    }

    private static java.util.Optional<String> ask(String title, String hint) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle(title);
        dialog.setHeaderText(hint);
        return dialog.showAndWait().map(String::trim).filter(t -> !t.isEmpty());
    }
}
