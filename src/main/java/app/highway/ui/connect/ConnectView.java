package app.highway.ui.connect;

import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The first window's question when asked ({@code --connect}): run a bridge here, or connect to one with a
 * personal token. The token field is a password field: the token is never shown in clear.
 */
public final class ConnectView {
    private final VBox root = new VBox(14);

    public ConnectView(ConnectViewModel vm) {
        Label title = new Label("Highway Console");
        title.setStyle("-fx-font-size: 20px; -fx-font-weight: bold;");
        ToggleGroup group = new ToggleGroup();
        RadioButton here = new RadioButton("Run a bridge here (this computer places the calls)");
        here.setId("runHereChoice");
        here.setToggleGroup(group);
        RadioButton remote = new RadioButton("Connect to a bridge (team mode)");
        remote.setId("connectChoice");
        remote.setToggleGroup(group);
        group.selectToggle(vm.choiceProperty().get() == ConnectViewModel.Choice.RUN_HERE ? here : remote);
        group.selectedToggleProperty().addListener((o, a, t) -> vm.choiceProperty().set(t == here
                ? ConnectViewModel.Choice.RUN_HERE : ConnectViewModel.Choice.CONNECT));

        ComboBox<String> url = new ComboBox<>(vm.recent());
        url.setId("bridgeUrl");
        url.setEditable(true);
        url.setPromptText("https://bridge.example.com");
        url.setPrefWidth(420);
        url.getEditor().textProperty().bindBidirectional(vm.urlProperty());
        url.valueProperty().addListener((o, a, chosen) -> vm.bridgeChosen(chosen));
        PasswordField token = new PasswordField();
        token.setId("bridgeToken");
        token.setPromptText("your personal token (hwy_…)");
        token.textProperty().bindBidirectional(vm.tokenProperty());
        CheckBox keep = new CheckBox("Keep the token on this computer (readable by you only)");
        keep.setId("keepToken");
        keep.selectedProperty().bindBidirectional(vm.keepTokenProperty());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.setPadding(new Insets(0, 0, 0, 24));
        form.addRow(0, new Label("Bridge"), url);
        form.addRow(1, new Label("Token"), token);
        form.add(keep, 1, 2);
        form.disableProperty().bind(vm.choiceProperty().isEqualTo(ConnectViewModel.Choice.RUN_HERE)
                .or(vm.busyProperty()));

        Label message = new Label();
        message.setId("connectMessage");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        Button go = new Button("Continue");
        go.setId("connectButton");
        go.setDefaultButton(true);
        go.disableProperty().bind(vm.busyProperty());
        go.setOnAction(e -> vm.submit());

        root.getChildren().addAll(title, here, remote, form, go, message);
        root.setPadding(new Insets(40));
        root.setMaxWidth(640);
    }

    public Parent node() {
        return root;
    }
}
