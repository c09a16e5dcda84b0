package app.highway.ui.connect;

import app.highway.config.Secret;
import app.highway.remote.RemoteConsole;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The connection dialog's state and its one action: run a bridge here (as the console always did), or connect
 * to a bridge at an address with a personal token. Connecting runs off the FX thread; a refusal (a revoked
 * token) or an unreachable bridge is shown in words, and the dialog stays. A successful connection is
 * remembered (the address first in the list; the token, if asked, in an owner-only file).
 */
public final class ConnectViewModel {
    /** What the person chose. */
    public enum Choice { RUN_HERE, CONNECT }

    /** How a console attaches to a bridge (blocks); tests pass their own. */
    @FunctionalInterface
    public interface Connector {
        RemoteConsole connect(URI bridge, Secret token);
    }

    private final ObjectProperty<Choice> choice = new SimpleObjectProperty<>(Choice.CONNECT);
    private final StringProperty url = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final BooleanProperty keepToken = new SimpleBooleanProperty(true);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<String> recent = FXCollections.observableArrayList();
    private final SavedBridges saved;
    private final Connector connector;
    private final Executor background;
    private final Executor fx;
    private final Consumer<RemoteConsole> connected;
    private final Runnable runHere;

    public ConnectViewModel(SavedBridges saved, Connector connector, Executor background, Executor fx,
            Consumer<RemoteConsole> connected, Runnable runHere) {
        this.saved = saved;
        this.connector = connector;
        this.background = background;
        this.fx = fx;
        this.connected = connected;
        this.runHere = runHere;
    }

    /** Offers the bridges connected to before (the given address first, else the last one), with kept tokens. */
    public void load(Optional<String> given, String problem) {
        message.set(problem == null ? "" : problem);
        CompletableFuture.supplyAsync(saved::recent, background).thenAcceptAsync(list -> {
            recent.setAll(list);
            String first = given.orElse(list.isEmpty() ? "" : list.get(0));
            if (url.get().isBlank()) {
                url.set(first);
                bridgeChosen(first);
            }
        }, fx);
    }

    /** A bridge picked from the list: its kept token, if any, fills the (masked) token field. */
    public void bridgeChosen(String bridge) {
        if (bridge == null || bridge.isBlank()) {
            return;
        }
        CompletableFuture.supplyAsync(() -> saved.token(bridge), background).thenAcceptAsync(kept -> {
            if (bridge.equals(url.get())) {
                kept.ifPresent(t -> token.set(t.reveal()));
            }
        }, fx);
    }

    /** The Continue button. */
    public void submit() {
        if (busy.get()) {
            return;
        }
        if (choice.get() == Choice.RUN_HERE) {
            runHere.run();
            return;
        }
        String address = url.get() == null ? "" : url.get().trim();
        Optional<String> problem = problemWith(address, token.get());
        if (problem.isPresent()) {
            message.set(problem.get());
            return;
        }
        Secret secret = Secret.of(token.get().trim());
        boolean keep = keepToken.get();
        busy.set(true);
        message.set("Connecting to " + address + "…");
        CompletableFuture.supplyAsync(() -> {
            RemoteConsole console = connector.connect(URI.create(address), secret);
            try {
                saved.remember(address, secret, keep);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ConnectViewModel.class).warn("Could not remember the bridge: {}",
                        e.getMessage());
            }
            return console;
        }, background).whenCompleteAsync((console, error) -> {
            busy.set(false);
            if (console != null) {
                message.set("");
                connected.accept(console);
            } else {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                        : error;
                message.set("Not connected: " + cause.getMessage());
            }
        }, fx);
    }

    /** What is wrong with an address and token before anything is sent, or nothing. */
    static Optional<String> problemWith(String address, String token) {
        String lower = address.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.of("The bridge's address starts with https:// (or http:// on a trusted network), "
                    + "e.g. https://bridge.example.com");
        }
        try {
            if (URI.create(address).getHost() == null) {
                return Optional.of("The bridge's address has no host name");
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("That is not an address: " + e.getMessage());
        }
        if (token == null || token.isBlank()) {
            return Optional.of("Paste your personal token (an admin gives it to you: highway users token <you>)");
        }
        return Optional.empty();
    }

    public ObjectProperty<Choice> choiceProperty() {
        return choice;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public BooleanProperty keepTokenProperty() {
        return keepToken;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<String> recent() {
        return recent;
    }

    List<String> recentNow() {
        return List.copyOf(recent);
    }
}
