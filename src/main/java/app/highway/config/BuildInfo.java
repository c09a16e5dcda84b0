package app.highway.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The product's name, version and vendor, set once in {@code pom.xml} and filtered into
 * {@code app/highway/build.properties} at build time (the installers read the same file).
 */
public record BuildInfo(String name, String version, String vendor) {
    static final String RESOURCE = "/app/highway/build.properties";

    public static BuildInfo load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + RESOURCE);
            }
            Properties p = new Properties();
            p.load(in);
            return new BuildInfo(p.getProperty("name"), p.getProperty("version"), p.getProperty("vendor"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }
}
