package app.highway.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Where a command's answer goes: the terminal of whoever typed it. The one class of the product that
 * writes to the standard streams (ArchitectureTest allows it, and only it): a new token is shown here
 * once and must never reach a log file, and a script reads the answer from standard output while
 * errors and the log's warnings go to standard error.
 */
public record Terminal(PrintWriter out, PrintWriter err) {
    /** The process's standard output and error. */
    public static Terminal system() {
        return new Terminal(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
    }

    /** A terminal writing to these (tests). */
    public static Terminal of(Writer out, Writer err) {
        return new Terminal(new PrintWriter(out, true), new PrintWriter(err, true));
    }
}
