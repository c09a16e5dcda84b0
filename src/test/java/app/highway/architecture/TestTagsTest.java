package app.highway.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every test class carries exactly one of the tags the build selects on ({@code unit}, {@code e2e},
 * {@code ui}, {@code bench}; see the README's test commands), so {@code -Pfast} misses nothing that
 * is fast and {@code mvn verify} runs no benchmark. JUnit classes use {@code @Tag}; ArchUnit's engine
 * reads only {@code @ArchTag}. Benchmarks are named {@code *Bench} (the {@code bench} profile's
 * include pattern) and every other test class {@code *Test} (Surefire's default include pattern: any
 * other name would silently never run).
 */
@Tag("unit")
class TestTagsTest {
    private static final Set<String> TAGS = Set.of("unit", "e2e", "ui", "bench");
    private static final List<Class<? extends Annotation>> TEST_METHODS =
            List.of(Test.class, ParameterizedTest.class, RepeatedTest.class, TestFactory.class);

    /** The top-level classes compiled from src/test/java (the folder this class was loaded from). */
    private static List<Class<?>> testSourceClasses() throws Exception {
        Path root = Path.of(TestTagsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = root.relativize(f).toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    String binary = name.substring(0, name.length() - ".class".length()).replace(f.getFileSystem()
                            .getSeparator(), ".");
                    classes.add(Class.forName(binary, false, TestTagsTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }

    private static boolean isArchUnitClass(Class<?> c) {
        return Arrays.stream(c.getDeclaredFields()).anyMatch(f -> f.isAnnotationPresent(ArchTest.class))
                || Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(ArchTest.class));
    }

    /**
     * A class JUnit runs: an ArchUnit class, or a concrete class with test methods of its own or
     * inherited. An abstract contract (tests every database runs) is not run itself, and carries no
     * tag: its subclasses each carry theirs (a tag on it would be inherited by every subclass).
     */
    private static boolean isTestClass(Class<?> c) {
        if (isArchUnitClass(c)) {
            return true;
        }
        if (java.lang.reflect.Modifier.isAbstract(c.getModifiers())) {
            return false;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            if (Arrays.stream(k.getDeclaredMethods())
                    .anyMatch(m -> TEST_METHODS.stream().anyMatch(m::isAnnotationPresent))) {
                return true;
            }
        }
        return false;
    }

    /** The one tag its engine sees, or empty if it has none or several. */
    private static Optional<String> tag(Class<?> c) {
        String[] tags = isArchUnitClass(c)
                ? Arrays.stream(c.getAnnotationsByType(ArchTag.class)).map(ArchTag::value).toArray(String[]::new)
                : Arrays.stream(c.getAnnotationsByType(Tag.class)).map(Tag::value).toArray(String[]::new);
        return tags.length == 1 ? Optional.of(tags[0]) : Optional.empty();
    }

    @Test
    void everyTestClassHasExactlyOneKnownTagAndTheNameItsSetIncludes() throws Exception {
        List<Class<?>> tests = testSourceClasses().stream().filter(TestTagsTest::isTestClass).toList();
        assertTrue(tests.size() > 20, "found the compiled test classes: " + tests);
        Set<String> wrong = new TreeSet<>();
        for (Class<?> c : tests) {
            Optional<String> tag = tag(c);
            if (tag.isEmpty() || !TAGS.contains(tag.get())) {
                wrong.add(c.getName() + ": needs exactly one " + (isArchUnitClass(c) ? "@ArchTag" : "@Tag")
                        + " of " + new TreeSet<>(TAGS));
            } else if (tag.get().equals("bench")) {
                if (!c.getSimpleName().endsWith("Bench") || !c.getPackageName().equals("app.highway.bench")) {
                    wrong.add(c.getName() + ": a benchmark is named *Bench and lives in app.highway.bench");
                }
            } else if (!c.getSimpleName().endsWith("Test")) {
                wrong.add(c.getName() + ": Surefire runs only classes named *Test");
            }
        }
        assertEquals(Set.of(), wrong);
    }

    @Test
    void everyClassNamedBenchIsTaggedBench() throws Exception {
        Set<String> wrong = new TreeSet<>();
        for (Class<?> c : testSourceClasses()) {
            if (c.getSimpleName().endsWith("Bench") && !tag(c).equals(Optional.of("bench"))) {
                wrong.add(c.getName());
            }
        }
        assertEquals(Set.of(), wrong, "a benchmark must not run in mvn verify");
    }
}
