package app.highway.campaign;

import java.util.List;

/**
 * What a list comes to before anything is dialled: {@code rows} in the file, {@code valid} to be dialled,
 * every bad row with its reason ({@code skipped}), the template variables the other columns provide, and an
 * estimate of how long the campaign takes at its pace and concurrency ({@link #estimateSeconds}).
 */
public record Preview(int rows, int valid, List<RowProblem> skipped, List<String> variables,
        double callsPerSecond, int maxConcurrent, long estimatedSeconds) {
    /** What a call takes on average, ringing included, for the estimate: about a minute. */
    public static final long AVERAGE_CALL_SECONDS = 60;

    public Preview {
        skipped = List.copyOf(skipped);
        variables = List.copyOf(variables);
    }

    /**
     * How long {@code calls} calls take: the slower of dialling them at {@code callsPerSecond} and running them
     * {@code maxConcurrent} at a time at {@link #AVERAGE_CALL_SECONDS} each (retries and calling hours not counted).
     */
    public static long estimateSeconds(int calls, double callsPerSecond, int maxConcurrent) {
        if (calls <= 0) {
            return 0;
        }
        double dialling = calls / callsPerSecond;
        double talking = Math.ceil((double) calls / maxConcurrent) * AVERAGE_CALL_SECONDS;
        return (long) Math.ceil(Math.max(dialling, talking));
    }
}
