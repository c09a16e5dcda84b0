package app.highway.ui.people;

import app.highway.team.ApiToken;
import app.highway.team.Person;
import app.highway.team.Role;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;

/**
 * The People tab (admins): an add form on top; everyone on the bridge, and below the selected person's tokens,
 * each with what an admin does to it. Confirmations before revoking a token and disabling a person; a new
 * token in a dialog of its own ({@link IssuedTokenDialog}), shown once.
 */
public final class PeopleView {
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final StringConverter<Role> ROLES = new StringConverter<>() {
        @Override
        public String toString(Role role) {
            return role == null ? "" : role.wireName();
        }

        @Override
        public Role fromString(String text) {
            return Role.parse(text).orElse(null);
        }
    };
    private final BorderPane root = new BorderPane();
    private final PeopleViewModel model;
    private final ZoneId zone;

    public PeopleView(PeopleViewModel model, ZoneId zone) {
        this.model = model;
        this.zone = zone;
        root.setId("peopleView");
        root.setTop(new VBox(addForm(), actions()));
        SplitPane split = new SplitPane(peopleTable(), tokenPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.55);
        root.setCenter(split);
        model.issuedProperty().addListener((o, was, token) -> {
            if (token != null) {
                new IssuedTokenDialog(token).show(root.getScene().getWindow(), model::issuedShown);
            }
        });
    }

    private FlowPane addForm() {
        TextField user = new TextField();
        user.setId("newPersonUser");
        user.setPromptText("user name, e.g. alice");
        user.setPrefColumnCount(14);
        user.textProperty().bindBidirectional(model.newUserProperty());
        TextField name = new TextField();
        name.setId("newPersonName");
        name.setPromptText("display name (optional)");
        name.setPrefColumnCount(18);
        name.textProperty().bindBidirectional(model.newNameProperty());
        ChoiceBox<Role> role = roleChoice("newPersonRole");
        role.valueProperty().bindBidirectional(model.newRoleProperty());
        Button add = new Button("Add person", new FontIcon(MaterialDesignA.ACCOUNT_PLUS));
        add.setId("addPersonButton");
        add.getStyleClass().add("accent");
        add.disableProperty().bind(model.mayAddProperty().not());
        add.setOnAction(e -> model.add());
        user.setOnAction(e -> model.add());
        name.setOnAction(e -> model.add());
        Label problem = new Label();
        problem.setId("newPersonMessage");
        problem.getStyleClass().add("error-text");
        problem.setWrapText(true);
        problem.textProperty().bind(model.formMessageProperty());
        Label title = new Label("Add a person");
        title.getStyleClass().add("text-bold");
        FlowPane form = new FlowPane(8, 6, title, user, name, new Label("Role"), role, add, problem);
        form.setAlignment(Pos.CENTER_LEFT);
        form.setPadding(new Insets(10, 10, 6, 10));
        return form;
    }

    /** What an admin does to the selected person, and the tab's message. */
    private FlowPane actions() {
        Button refresh = new Button("Refresh", new FontIcon(MaterialDesignR.REFRESH));
        refresh.setId("peopleRefresh");
        refresh.setOnAction(e -> model.refresh());
        javafx.beans.binding.BooleanBinding none = model.selectedProperty().isNull().or(model.busyProperty());

        ChoiceBox<Role> role = roleChoice("personRole");
        role.setTooltip(new javafx.scene.control.Tooltip("The selected person's role"));
        model.selectedProperty().addListener((o, was, person) -> role.setValue(person == null ? null : person.role()));
        Button changeRole = new Button("Change role");
        changeRole.setId("changeRoleButton");
        changeRole.disableProperty().bind(none.or(Bindings.createBooleanBinding(() -> model.selectedProperty()
                .get() == null || role.getValue() == null || role.getValue() == model.selectedProperty().get().role(),
                role.valueProperty(), model.selectedProperty())));
        changeRole.setOnAction(e -> model.changeRole(model.selectedProperty().get(), role.getValue()));

        Button disable = new Button();
        disable.setId("disablePersonButton");
        disable.disableProperty().bind(none);
        disable.textProperty().bind(Bindings.createStringBinding(() -> {
            Person p = model.selectedProperty().get();
            return p != null && p.disabled() ? "Enable person" : "Disable person…";
        }, model.selectedProperty()));
        disable.graphicProperty().bind(Bindings.createObjectBinding(() -> {
            Person p = model.selectedProperty().get();
            return new FontIcon(p != null && p.disabled() ? MaterialDesignA.ACCOUNT_CHECK
                    : MaterialDesignA.ACCOUNT_CANCEL);
        }, model.selectedProperty()));
        disable.setOnAction(e -> {
            Person p = model.selectedProperty().get();
            if (p.disabled() || confirm("disableConfirmation", "Disable person", model.disableQuestion(p),
                    model.disableExplanation(p), "Disable " + p.user())) {
                model.toggleDisabled(p);
            }
        });

        Label message = new Label();
        message.setId("peopleMessage");
        message.textProperty().bind(model.messageProperty());
        Label selected = new Label();
        selected.getStyleClass().add("text-bold");
        selected.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null
                ? "Select a person:" : model.selectedProperty().get().user() + ":", model.selectedProperty()));
        FlowPane bar = new FlowPane(8, 6, refresh, selected, role, changeRole, disable, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 8, 10));
        return bar;
    }

    private TableView<Person> peopleTable() {
        TableView<Person> table = new TableView<>(model.people());
        table.setId("peopleTable");
        table.setPlaceholder(new Label("No people yet: add the first one above. The bridge's own token (the owner) "
                + "is not a person and is not listed."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("User", Person::user, 140));
        table.getColumns().add(column("Name", Person::name, 200));
        table.getColumns().add(column("Role", p -> p.role().wireName(), 100));
        table.getColumns().add(column("Status", p -> p.disabled() ? "disabled " + when(p.disabledAt()) : "active",
                170));
        table.getColumns().add(column("Tokens", model::tokenSummary, 140));
        table.getColumns().add(column("Added", p -> when(p.createdAt()), 140));
        table.setRowFactory(t -> muted(p -> !p.disabled()));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, person) -> {
            if (person != model.selectedProperty().get()) {
                model.selectedProperty().set(person);
            }
        });
        model.selectedProperty().addListener((o, was, person) -> {
            if (table.getSelectionModel().getSelectedItem() != person) {
                table.getSelectionModel().select(person);
            }
        });
        return table;
    }

    private BorderPane tokenPane() {
        TableView<ApiToken> table = new TableView<>(model.tokens());
        table.setId("tokensTable");
        table.setPlaceholder(new Label("Select a person to see their tokens (never the tokens themselves: only "
                + "their ids)."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Token", ApiToken::id, 150));
        table.getColumns().add(column("Label", ApiToken::label, 160));
        table.getColumns().add(column("Created", t -> when(t.createdAt()), 140));
        table.getColumns().add(column("Last used", t -> t.lastUsedAt() == null ? "never" : when(t.lastUsedAt()), 140));
        table.getColumns().add(column("Status", t -> model.tokenStatus(t, this::when), 170));
        table.setRowFactory(t -> muted(model::accepted));

        TextField label = new TextField();
        label.setId("newTokenLabel");
        label.setPromptText("label, e.g. laptop");
        label.setPrefColumnCount(14);
        label.textProperty().bindBidirectional(model.tokenLabelProperty());
        Button issue = new Button("Issue token", new FontIcon(MaterialDesignK.KEY_PLUS));
        issue.setId("issueTokenButton");
        issue.disableProperty().bind(model.selectedProperty().isNull().or(model.busyProperty())
                .or(Bindings.createBooleanBinding(() -> model.selectedProperty().get() != null
                        && model.selectedProperty().get().disabled(), model.selectedProperty())));
        issue.setOnAction(e -> model.issueToken());
        label.setOnAction(e -> issue.fire());
        Button revoke = new Button("Revoke token…", new FontIcon(MaterialDesignK.KEY_REMOVE));
        revoke.setId("revokeTokenButton");
        revoke.getStyleClass().add("danger");
        revoke.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ApiToken t = table.getSelectionModel().getSelectedItem();
            return t == null || t.revoked() || model.busyProperty().get();
        }, table.getSelectionModel().selectedItemProperty(), model.busyProperty()));
        revoke.setOnAction(e -> {
            ApiToken t = table.getSelectionModel().getSelectedItem();
            if (confirm("revokeConfirmation", "Revoke token", model.revokeQuestion(t), model.revokeExplanation(t),
                    "Revoke " + t.id())) {
                model.revoke(t);
            }
        });
        Label title = new Label("Tokens");
        title.getStyleClass().add("text-bold");
        HBox bar = new HBox(8, title, label, issue, revoke);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 10, 8, 10));
        HBox.setHgrow(label, Priority.NEVER);
        BorderPane pane = new BorderPane(table);
        pane.setTop(bar);
        return pane;
    }

    /** Asks first; true if the admin confirmed with {@code yes}. Cancel is the default button. */
    private boolean confirm(String id, String title, String question, String explanation, String yes) {
        ButtonType go = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, explanation, go, cancel);
        alert.initOwner(root.getScene().getWindow());
        alert.setTitle(title);
        alert.setHeaderText(question);
        alert.getDialogPane().setId(id);
        alert.getDialogPane().lookupButton(go).setId(id + "Yes");
        ((Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(cancel)).setDefaultButton(true);
        return alert.showAndWait().filter(go::equals).isPresent();
    }

    private static ChoiceBox<Role> roleChoice(String id) {
        ChoiceBox<Role> choice = new ChoiceBox<>(javafx.collections.FXCollections.observableArrayList(Role.values()));
        choice.setId(id);
        choice.setConverter(ROLES);
        return choice;
    }

    /** A row muted (style class {@code not-accepted}) when {@code accepted} says no. */
    private static <S> javafx.scene.control.TableRow<S> muted(java.util.function.Predicate<S> accepted) {
        return new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(S item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("not-accepted");
                if (!empty && item != null && !accepted.test(item)) {
                    getStyleClass().add("not-accepted");
                }
            }
        };
    }

    private String when(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(zone));
    }

    private static <S> TableColumn<S, String> column(String title, Function<S, String> value, double width) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public BorderPane node() {
        return root;
    }
}
