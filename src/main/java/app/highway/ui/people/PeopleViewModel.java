package app.highway.ui.people;

import app.highway.ConsoleServices;
import app.highway.team.ApiToken;
import app.highway.team.IssuedToken;
import app.highway.team.Person;
import app.highway.team.Role;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The People tab, for admins: everyone on the bridge and their tokens, and the changes an admin makes (add a
 * person, issue a token, revoke one, disable or enable a person, change a role). Every change goes through the
 * console's {@link ConsoleServices.Team}, so the bridge decides and audits it as it does for the API; it runs on
 * {@code background}, never the FX thread, and lands through {@code fx}. A refusal (a name taken, yourself) is
 * shown in words: in the add form for an addition, in the tab's message for the rest.
 *
 * <p>A token's secret exists here only between its issue and the dialog that shows it once
 * ({@link #issuedProperty()}, then {@link #issuedShown()}); it is never in a message or a log line.
 */
public final class PeopleViewModel {
    private final ConsoleServices.Team team;
    private final Executor background;
    private final Executor fx;
    private final ObservableList<Person> people = FXCollections.observableArrayList();
    private final ObservableList<ApiToken> tokens = FXCollections.observableArrayList();
    private final ObjectProperty<Person> selected = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty newUser = new SimpleStringProperty("");
    private final StringProperty newName = new SimpleStringProperty("");
    private final ObjectProperty<Role> newRole = new SimpleObjectProperty<>(Role.AGENT);
    private final StringProperty formMessage = new SimpleStringProperty("");
    private final StringProperty tokenLabel = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<IssuedToken> issued = new ReadOnlyObjectWrapper<>();
    private Map<String, List<ApiToken>> tokensByUser = Map.of();
    /** Numbers each read, so that a slow one finishing late does not replace a newer one's list. */
    private long reads;

    public PeopleViewModel(ConsoleServices.Team team, Executor background, Executor fx) {
        this.team = team;
        this.background = background;
        this.fx = fx;
        selected.addListener((o, was, person) -> showTokensOf(person));
        newUser.addListener((o, a, b) -> formMessage.set(problemWithForm().orElse("")));
        newName.addListener((o, a, b) -> formMessage.set(problemWithForm().orElse("")));
    }

    /** The tab is shown: read everyone again (another admin, the command line, may have changed something). */
    public CompletableFuture<Void> opened() {
        return refresh();
    }

    /** Everyone and every token, read again; the selection stays on the same person. */
    public CompletableFuture<Void> refresh() {
        long mine = ++reads;
        message.set("Reading the people on the bridge…");
        return CompletableFuture.supplyAsync(this::read, background).handleAsync((found, e) -> {
            if (mine == reads) {
                if (e != null) {
                    message.set("Could not read the people: " + why(e));
                } else {
                    show(found);
                    message.set(summary(found.people()));
                }
            }
            return null;
        }, fx);
    }

    private record Found(List<Person> people, List<ApiToken> tokens) { }

    private Found read() {
        return new Found(team.people(), team.tokens());
    }

    private void show(Found found) {
        String keep = selected.get() == null ? null : selected.get().user();
        tokensByUser = found.tokens().stream().collect(Collectors.groupingBy(ApiToken::user));
        people.setAll(found.people());
        selected.set(keep == null ? null : found.people().stream().filter(p -> p.user().equals(keep)).findFirst()
                .orElse(null));
        showTokensOf(selected.get());
    }

    private void showTokensOf(Person person) {
        tokens.setAll(person == null ? List.of() : tokensByUser.getOrDefault(person.user(), List.of()));
    }

    private static String summary(List<Person> people) {
        if (people.isEmpty()) {
            return "No people yet: add the first one above.";
        }
        long disabled = people.stream().filter(Person::disabled).count();
        return people.size() + (people.size() == 1 ? " person" : " people")
                + (disabled == 0 ? "" : " (" + disabled + " disabled)");
    }

    /** What is wrong with the add form as typed, if anything: the bridge's own rules for a user name and a name. */
    public Optional<String> problemWithForm() {
        String user = newUser.get() == null ? "" : newUser.get().strip();
        if (user.isEmpty()) {
            return Optional.empty(); // nothing typed yet: nothing to complain about, but nothing to add either
        }
        Optional<String> problem = Person.problemWithUser(user).map(p -> capitalise(p) + ".");
        if (problem.isPresent()) {
            return problem;
        }
        if (newName.get() != null && newName.get().strip().length() > Person.MAX_NAME) {
            return Optional.of("A name is at most " + Person.MAX_NAME + " characters.");
        }
        return Optional.empty();
    }

    /** Whether the add form may be sent: a user name of the right shape and a role, and nothing under way. */
    public BooleanBinding mayAddProperty() {
        return Bindings.createBooleanBinding(() -> !busy.get() && newRole.get() != null
                && newUser.get() != null && !newUser.get().isBlank() && problemWithForm().isEmpty(),
                busy, newUser, newName, newRole);
    }

    /**
     * Adds the person of the form with their first token, which {@link #issuedProperty()} then holds to be shown
     * once. A refusal stays in the form ({@link #formMessageProperty()}) with what was typed.
     */
    public CompletableFuture<Void> add() {
        Optional<String> problem = problemWithForm();
        String user = newUser.get() == null ? "" : newUser.get().strip();
        if (user.isEmpty() || problem.isPresent() || newRole.get() == null) {
            formMessage.set(problem.orElse("Type a user name (e.g. alice) and choose a role."));
            return CompletableFuture.completedFuture(null);
        }
        String name = newName.get();
        Role role = newRole.get();
        formMessage.set("Adding " + user + "…");
        return change(() -> team.addPerson(user, name, role, "console"), token -> {
            newUser.set("");
            newName.set("");
            newRole.set(Role.AGENT);
            formMessage.set("");
            message.set("Added " + token.token().user() + " (" + role.wireName() + ") with a first token.");
            issued.set(token);
            return token.token().user();
        }, e -> formMessage.set(why(e)));
    }

    /** A new token for the selected person, labelled as typed ("token" if nothing is): shown once. */
    public CompletableFuture<Void> issueToken() {
        Person person = selected.get();
        if (person == null) {
            return CompletableFuture.completedFuture(null);
        }
        String label = tokenLabel.get();
        return change(() -> team.issueToken(person.user(), label), token -> {
            tokenLabel.set("");
            message.set("Issued token " + token.token().id() + " to " + person.user() + ".");
            issued.set(token);
            return person.user();
        }, e -> message.set("Could not issue a token to " + person.user() + ": " + why(e)));
    }

    /** The dialog showing the new token was closed: the secret is forgotten. */
    public void issuedShown() {
        issued.set(null);
    }

    /** What the confirmation before revoking {@code token} says. */
    public String revokeQuestion(ApiToken token) {
        return "Revoke " + token.user() + "'s token \"" + token.label() + "\" (" + token.id() + ")?";
    }

    public String revokeExplanation(ApiToken token) {
        return "The bridge refuses it from its next request on, and a console connected with it is disconnected at "
                + "once. " + token.user() + "'s other tokens still work. This cannot be undone: issue a new token "
                + "if they still need one.";
    }

    /** Revokes {@code token} (after the view asked). */
    public CompletableFuture<Void> revoke(ApiToken token) {
        return change(() -> team.revoke(token.id()), revoked -> {
            message.set("Revoked " + revoked.user() + "'s token \"" + revoked.label() + "\" (" + revoked.id() + ").");
            return revoked.user();
        }, e -> message.set("Could not revoke " + token.id() + ": " + why(e)));
    }

    public String disableQuestion(Person person) {
        return "Disable " + person.user() + "?";
    }

    public String disableExplanation(Person person) {
        return "None of " + person.user() + "'s tokens is accepted any more, and their open consoles are "
                + "disconnected at once. Their calls and audit entries stay. You can enable them again later.";
    }

    /** Disables the selected person if they may act, enables them if they are disabled. */
    public CompletableFuture<Void> toggleDisabled(Person person) {
        if (person.disabled()) {
            return change(() -> team.enable(person.user()), p -> {
                message.set("Enabled " + p.user() + ": their tokens that were not revoked work again.");
                return p.user();
            }, e -> message.set("Could not enable " + person.user() + ": " + why(e)));
        }
        return change(() -> team.disable(person.user()), p -> {
            message.set("Disabled " + p.user() + ": none of their tokens is accepted any more.");
            return p.user();
        }, e -> message.set("Could not disable " + person.user() + ": " + why(e)));
    }

    /** Gives {@code person} {@code role}. */
    public CompletableFuture<Void> changeRole(Person person, Role role) {
        if (role == null || role == person.role()) {
            return CompletableFuture.completedFuture(null);
        }
        return change(() -> team.changeRole(person.user(), role), p -> {
            message.set(p.user() + " is now " + (role == Role.SUPERVISOR ? "a " : "an ") + role.wireName()
                    + " (from their next request on; their open consoles are disconnected and must connect again).");
            return p.user();
        }, e -> message.set("Could not change " + person.user() + "'s role: " + why(e)));
    }

    /**
     * Runs {@code work} on the background executor, then (on the FX thread) {@code done}, which says who to
     * select, or {@code failed}; then reads everyone again, as the change may have touched more than one row.
     */
    private <T> CompletableFuture<Void> change(Supplier<T> work, java.util.function.Function<T, String> done,
            java.util.function.Consumer<Throwable> failed) {
        busy.set(true);
        return CompletableFuture.supplyAsync(work, background).handleAsync((result, e) -> {
            busy.set(false);
            if (e != null) {
                failed.accept(e);
                return CompletableFuture.<Void>completedFuture(null);
            }
            String select = done.apply(result);
            String summaryAfter = message.get();
            selected.set(people.stream().filter(p -> p.user().equals(select)).findFirst().orElse(null));
            return refresh().thenRunAsync(() -> {
                select(select);
                message.set(summaryAfter);
            }, fx);
        }, fx).thenCompose(f -> f);
    }

    /** Selects the person called {@code user}, if they are on the list. */
    public void select(String user) {
        people.stream().filter(p -> p.user().equals(user)).findFirst().ifPresent(selected::set);
    }

    /** A refusal's or a failure's message, for people: never a stack trace. */
    static String why(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String text = cause.getMessage();
        return text == null || text.isBlank() ? "it failed (" + cause.getClass().getSimpleName() + ")" : text;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * How many of {@code person}'s tokens are accepted, and how many revoked: "2 active, 1 revoked"; for a disabled
     * person none is accepted: "2 refused while disabled, 1 revoked".
     */
    public String tokenSummary(Person person) {
        List<ApiToken> theirs = tokensByUser.getOrDefault(person.user(), List.of());
        long revoked = theirs.stream().filter(ApiToken::revoked).count();
        long kept = theirs.size() - revoked;
        if (theirs.isEmpty()) {
            return "none";
        }
        String notRevoked = kept + (person.disabled() ? " refused while disabled" : " active");
        return revoked == 0 ? notRevoked : kept == 0 ? revoked + " revoked" : notRevoked + ", " + revoked + " revoked";
    }

    /** A token's status: active, revoked (when), or refused because its holder is disabled. */
    public String tokenStatus(ApiToken token, java.util.function.Function<java.time.Instant, String> when) {
        if (token.revoked()) {
            return "revoked " + when.apply(token.revokedAt());
        }
        Person holder = selected.get();
        return holder != null && holder.user().equals(token.user()) && holder.disabled()
                ? "refused while " + holder.user() + " is disabled" : "active";
    }

    /** Whether the bridge accepts {@code token} now: not revoked, and its holder not disabled. */
    public boolean accepted(ApiToken token) {
        Person holder = selected.get();
        return !token.revoked() && !(holder != null && holder.user().equals(token.user()) && holder.disabled());
    }

    public ObservableList<Person> people() {
        return people;
    }

    /** The selected person's tokens, oldest first. */
    public ObservableList<ApiToken> tokens() {
        return tokens;
    }

    public ObjectProperty<Person> selectedProperty() {
        return selected;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty newUserProperty() {
        return newUser;
    }

    public StringProperty newNameProperty() {
        return newName;
    }

    public ObjectProperty<Role> newRoleProperty() {
        return newRole;
    }

    public StringProperty formMessageProperty() {
        return formMessage;
    }

    public StringProperty tokenLabelProperty() {
        return tokenLabel;
    }

    /** A token just issued, to be shown once; null otherwise. */
    public ReadOnlyObjectProperty<IssuedToken> issuedProperty() {
        return issued.getReadOnlyProperty();
    }
}
