package app.highway.ui.shell;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Scene;

/** Light or dark (AtlantaFX Primer) plus the console's own stylesheet, following a dark/light switch. */
final class Theme {
    private static final String STYLESHEET = "/app/highway/ui/console.css";
    /** Lookups third-party stylesheets expect from Modena (kept apart from the console's own look). */
    private static final String LOOKUPS = "/app/highway/ui/lookups.css";

    private Theme() {
    }

    /** Adds the console's stylesheet to {@code scene} and keeps its theme in step with {@code dark}. */
    static void follow(Scene scene, ObservableBooleanValue dark) {
        scene.getStylesheets().addAll(stylesheet(LOOKUPS), stylesheet(STYLESHEET));
        apply(scene, dark.get());
        dark.addListener((o, was, isDark) -> apply(scene, isDark));
    }

    private static void apply(Scene scene, boolean dark) {
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        scene.getRoot().getStyleClass().removeAll("theme-dark", "theme-light");
        scene.getRoot().getStyleClass().add(dark ? "theme-dark" : "theme-light");
    }

    private static String stylesheet(String name) {
        var url = Theme.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("Missing resource " + name);
        }
        return url.toExternalForm();
    }
}
