package app.highway.ui.shell;

import app.highway.ui.board.StateFilter;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignH;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/** The simulation banner (in simulation) above the toolbar; each control calls one view-model method. */
final class Toolbar {
    static final String SIMULATION_BANNER = "Simulation: no real calls are placed. Add OPENAI_API_KEY and "
            + "Twilio credentials to place real calls.";
    private final VBox root = new VBox();
    private final TextField search = new TextField();

    /**
     * @param newCall   shows the new-call form
     * @param showAbout opens About
     * @param showShortcuts opens the list of keyboard shortcuts
     */
    Toolbar(ToolbarViewModel model, Runnable newCall, Runnable showAbout, Runnable showShortcuts) {
        if (model.canSimulate()) {
            root.getChildren().add(simulationBanner(model));
        }
        search.setId("searchField");
        search.setPromptText(Shortcuts.tip("Search", Shortcuts.SEARCH));
        search.setTooltip(new Tooltip(Shortcuts.tip("Show only the calls to numbers containing this",
                Shortcuts.SEARCH)));
        search.setPrefWidth(240);
        search.setMinWidth(140); // the search field gives way first; the buttons keep their labels
        search.textProperty().bindBidirectional(model.searchProperty());
        ChoiceBox<StateFilter> filter = new ChoiceBox<>();
        filter.setId("stateFilter");
        filter.getItems().setAll(StateFilter.values());
        filter.valueProperty().bindBidirectional(model.filterProperty());
        Button create = new Button("New call", new FontIcon(MaterialDesignP.PHONE_PLUS));
        create.setId("newCallButton");
        create.setOnAction(e -> newCall.run());
        create.setTooltip(new Tooltip(Shortcuts.tip("Go to the new verification call form", Shortcuts.NEW_CALL)));
        Button hangUp = new Button("Hang up selected", new FontIcon(MaterialDesignP.PHONE_HANGUP));
        hangUp.setId("hangUpSelectedButton");
        hangUp.setOnAction(e -> model.hangUpSelected());
        hangUp.setTooltip(new Tooltip(Shortcuts.tip("End the live call selected on the board", Shortcuts.HANG_UP)));
        hangUp.disableProperty().bind(model.canHangUpSelected().not());
        ToggleButton theme = new ToggleButton("Dark", new FontIcon(MaterialDesignT.THEME_LIGHT_DARK));
        theme.setId("themeToggle");
        theme.selectedProperty().bindBidirectional(model.darkProperty());
        Button about = new Button("About", new FontIcon(MaterialDesignI.INFORMATION_OUTLINE));
        about.setId("aboutButton");
        about.setTooltip(new Tooltip(Shortcuts.tip("Version, and where settings and logs are", Shortcuts.ABOUT)));
        about.setOnAction(e -> showAbout.run());
        MenuItem shortcuts = new MenuItem("Keyboard shortcuts");
        shortcuts.setId("shortcutsMenuItem");
        shortcuts.setAccelerator(Shortcuts.LIST);
        shortcuts.setOnAction(e -> showShortcuts.run());
        MenuItem aboutItem = new MenuItem("About Highway Console");
        aboutItem.setAccelerator(Shortcuts.ABOUT);
        aboutItem.setOnAction(e -> showAbout.run());
        MenuButton help = new MenuButton(null, new FontIcon(MaterialDesignH.HELP_CIRCLE_OUTLINE), shortcuts,
                aboutItem);
        help.setId("helpMenu");
        help.setTooltip(new Tooltip(Shortcuts.tip("Help: keyboard shortcuts, About", Shortcuts.LIST)));
        help.setAccessibleText("Help");
        HBox bar = new HBox(8, create, search, filter, hangUp, spacer(), theme, help, about);
        bar.getChildren().stream().filter(n -> n instanceof javafx.scene.control.Control && n != search)
                .forEach(n -> ((javafx.scene.control.Control) n).setMinWidth(Region.USE_PREF_SIZE));
        bar.getStyleClass().add("toolbar");
        bar.setId("toolbar");
        bar.setPadding(new Insets(6, 10, 6, 10));
        root.getChildren().add(bar);
    }

    private static HBox simulationBanner(ToolbarViewModel model) {
        Label text = new Label(SIMULATION_BANNER, new FontIcon(MaterialDesignA.ALERT));
        text.setId("simulationBanner");
        Button simulate = new Button("Simulate " + ToolbarViewModel.SIMULATED_CALLS + " calls");
        simulate.setId("simulateCallsButton");
        simulate.setOnAction(e -> model.simulateCalls());
        simulate.setMinWidth(Region.USE_PREF_SIZE);
        text.setMinWidth(0);
        HBox banner = new HBox(10, text, spacer(), simulate);
        banner.getStyleClass().add("simulation-banner");
        banner.setPadding(new Insets(6, 10, 6, 10));
        return banner;
    }

    private static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    void focusSearch() {
        search.requestFocus();
    }

    Node node() {
        return root;
    }
}
