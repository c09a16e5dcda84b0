package app.highway.ui.call;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignN;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignV;

/**
 * The call detail's "Supervise" section: Listen (with volume, level and delay), Mute, Take over (with the
 * microphone's live sign) and Transfer… on the first row; Whisper (with "ask for a response now") and Say
 * this on the second; what the bridge answered below. Every control is bound to {@link SuperviseViewModel}.
 */
public final class SupervisePane {
    private final VBox root = new VBox(6);
    private final Timeline readout;

    public SupervisePane(SuperviseViewModel model) {
        root.setId("supervise");
        root.getStyleClass().add("supervise");
        Label title = new Label("Supervise");
        title.getStyleClass().add("supervise-title");
        title.setMinWidth(Label.USE_PREF_SIZE);

        ToggleButton listen = new ToggleButton("Listen", new FontIcon(MaterialDesignH.HEADPHONES));
        listen.setId("listenButton");
        follow(listen, model.listeningProperty());
        listen.disableProperty().bind(model.mayListenProperty().not().and(model.listeningProperty().not()));
        listen.setOnAction(e -> model.toggleListen());
        Node listenBox = tip(listen, Bindings.createStringBinding(() -> !model.outputProblemProperty().get().isEmpty()
                ? model.outputProblemProperty().get() : reason(model, "Hear the call as the caller hears it"),
                model.outputProblemProperty(), model.whyNotProperty()));

        Slider volume = new Slider(0, 100, model.volumeProperty().get());
        volume.setId("volumeSlider");
        volume.setPrefWidth(90);
        volume.valueProperty().addListener((o, a, b) -> model.volumeProperty().set(b.intValue()));
        volume.disableProperty().bind(model.mayListenProperty().not());
        volume.setTooltip(new Tooltip("Volume"));
        ProgressBar level = new ProgressBar();
        level.setId("listenLevel");
        level.setPrefWidth(60);
        level.progressProperty().bind(model.levelProperty());
        Label delay = new Label();
        delay.setId("listenReadout");
        delay.getStyleClass().add("supervise-readout");
        delay.textProperty().bind(model.readoutProperty());
        delay.setMinWidth(Label.USE_PREF_SIZE);

        ToggleButton mute = new ToggleButton();
        mute.setId("muteButton");
        mute.textProperty().bind(Bindings.when(model.mutedProperty()).then("Unmute assistant")
                .otherwise("Mute assistant"));
        mute.graphicProperty().bind(Bindings.when(model.mutedProperty())
                .then((Node) new FontIcon(MaterialDesignV.VOLUME_OFF)).otherwise(new FontIcon(MaterialDesignV.VOLUME_HIGH)));
        follow(mute, model.mutedProperty());
        mute.disableProperty().bind(model.maySteerProperty().not());
        mute.setOnAction(e -> model.toggleMute());
        Node muteBox = tip(mute, Bindings.createStringBinding(() -> reason(model,
                "Stop the assistant speaking at once; the caller is still heard and transcribed"), model.whyNotProperty()));

        ToggleButton takeOver = new ToggleButton();
        takeOver.setId("takeOverButton");
        takeOver.textProperty().bind(Bindings.when(model.takenOverProperty()).then("Hand back").otherwise("Take over"));
        takeOver.setGraphic(new FontIcon(MaterialDesignM.MICROPHONE));
        follow(takeOver, model.takenOverProperty());
        takeOver.disableProperty().bind(model.mayTakeOverProperty().not().and(model.takenOverProperty().not()));
        takeOver.setOnAction(e -> model.toggleTakeOver());
        Node takeOverBox = tip(takeOver, Bindings.createStringBinding(() -> !model.outputProblemProperty().get().isEmpty()
                ? model.outputProblemProperty().get() : !model.inputProblemProperty().get().isEmpty()
                ? model.inputProblemProperty().get() : model.isAgent() ? "Supervisors only"
                : reason(model, "Speak to the caller from your microphone; the assistant is muted until you hand back"),
                model.outputProblemProperty(), model.inputProblemProperty(), model.whyNotProperty()));
        Label micLive = new Label("Mic live", new FontIcon(MaterialDesignM.MICROPHONE));
        micLive.setId("micLive");
        micLive.getStyleClass().add("mic-live");
        micLive.visibleProperty().bind(model.takenOverProperty());
        micLive.managedProperty().bind(micLive.visibleProperty());

        Button transfer = new Button("Transfer…", new FontIcon(MaterialDesignP.PHONE_FORWARD));
        transfer.setId("transferButton");
        transfer.disableProperty().bind(model.mayTransferProperty().not());
        transfer.setOnAction(e -> TransferDialog.ask(root, model.transferNumber())
                .ifPresent(t -> model.transfer(t.number(), t.warm())));
        Node transferBox = tip(transfer, Bindings.createStringBinding(() -> model.isAgent() ? "Supervisors only"
                : reason(model, "Send the call to a person's phone"), model.whyNotProperty()));

        HBox audio = new HBox(8, title, listenBox, volume, level, delay, spacer(), muteBox, takeOverBox, micLive,
                transferBox);
        audio.setAlignment(Pos.CENTER_LEFT);

        TextField whisper = new TextField();
        whisper.setId("whisperText");
        whisper.setPromptText("Whisper to the assistant…");
        whisper.setTooltip(new Tooltip("A note to the assistant as a system message: the caller does not hear it"));
        whisper.textProperty().bindBidirectional(model.whisperProperty());
        whisper.disableProperty().bind(model.maySteerProperty().not());
        whisper.setOnAction(e -> model.sendWhisper());
        CheckBox respond = new CheckBox("ask for a response now");
        respond.setId("whisperRespond");
        respond.selectedProperty().bindBidirectional(model.respondNowProperty());
        respond.disableProperty().bind(model.maySteerProperty().not());
        respond.setMinWidth(CheckBox.USE_PREF_SIZE);
        Button sendWhisper = new Button("Send", new FontIcon(MaterialDesignS.SEND));
        sendWhisper.setId("whisperSend");
        sendWhisper.disableProperty().bind(model.maySteerProperty().not().or(model.whisperProperty().isEmpty()));
        sendWhisper.setOnAction(e -> model.sendWhisper());
        sendWhisper.setMinWidth(Button.USE_PREF_SIZE);

        TextField say = new TextField();
        say.setId("sayText");
        say.setPromptText("Say this…");
        say.setTooltip(new Tooltip("A sentence the assistant speaks next, word for word"));
        say.textProperty().bindBidirectional(model.sayProperty());
        say.disableProperty().bind(model.maySteerProperty().not());
        say.setOnAction(e -> model.sendSay());
        Button sendSay = new Button("Say", new FontIcon(MaterialDesignT.TEXT_TO_SPEECH));
        sendSay.setId("saySend");
        sendSay.disableProperty().bind(model.maySteerProperty().not().or(model.sayProperty().isEmpty()));
        sendSay.setOnAction(e -> model.sendSay());
        sendSay.setMinWidth(Button.USE_PREF_SIZE);
        HBox.setHgrow(whisper, Priority.ALWAYS);
        HBox.setHgrow(say, Priority.ALWAYS);
        HBox text = new HBox(8, new FontIcon(MaterialDesignN.NOTE_TEXT_OUTLINE), whisper, respond, sendWhisper, say,
                sendSay);
        text.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("superviseMessage");
        message.setWrapText(true);
        message.textProperty().bind(Bindings.createStringBinding(() -> model.messageProperty().get().isEmpty()
                ? model.whyNotProperty().get() : model.messageProperty().get(), model.messageProperty(),
                model.whyNotProperty()));
        model.messageIsErrorProperty().addListener((o, was, error) -> message.getStyleClass().setAll(
                error ? java.util.List.of("label", "supervise-error") : java.util.List.of("label", "supervise-note")));
        message.getStyleClass().add("supervise-note");
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        root.getChildren().addAll(audio, text, message);
        readout = new Timeline(new KeyFrame(Duration.millis(250), e -> model.tick()));
        readout.setCycleCount(Timeline.INDEFINITE);
        readout.play();
    }

    /**
     * The toggle shows the model's state, not the click's: a click asks the model, which turns the state on or
     * off once the bridge has answered.
     */
    private static void follow(ToggleButton toggle, javafx.beans.value.ObservableValue<Boolean> state) {
        toggle.setSelected(state.getValue());
        state.addListener((o, was, now) -> toggle.setSelected(now));
        toggle.selectedProperty().addListener((o, was, now) -> {
            if (now != state.getValue()) {
                javafx.application.Platform.runLater(() -> toggle.setSelected(state.getValue()));
            }
        });
    }

    private static String reason(SuperviseViewModel model, String otherwise) {
        return model.whyNotProperty().get().isEmpty() ? otherwise : model.whyNotProperty().get();
    }

    /**
     * A tooltip that also shows while the control is disabled (saying why it is off): a disabled control gets no
     * mouse events, so the tooltip sits on a wrapper around it.
     */
    private static Node tip(javafx.scene.control.Control control, ObservableValue<String> text) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(text);
        t.setShowDelay(Duration.millis(300));
        javafx.scene.layout.StackPane wrapper = new javafx.scene.layout.StackPane(control);
        wrapper.setId(control.getId() + "Tip");
        Tooltip.install(wrapper, t);
        return wrapper;
    }

    private static javafx.scene.layout.Region spacer() {
        javafx.scene.layout.Region r = new javafx.scene.layout.Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public Node node() {
        return root;
    }

    /** Stops the readout's timer. */
    public void close() {
        readout.stop();
    }
}
