package app.highway.realtime;

/**
 * Which session fields the Realtime API accepts. The beta dialect (header
 * {@code OpenAI-Beta: realtime=v1}) is shut down; the GA dialect rejects {@code temperature}
 * in both {@code session.update} and {@code response.create}, so the setting is kept for
 * dialects that accept it and not sent today.
 */
public final class RealtimeDialect {
    public static final String TEMPERATURE_NOTE = "Not sent: the GA Realtime API (gpt-realtime models) does not "
            + "accept temperature. The value is kept and sent only to an API version that accepts it.";

    private RealtimeDialect() {
    }

    /** True for the models the bridge knows to accept a temperature; none of the GA models do. */
    public static boolean acceptsTemperature(String model) {
        return false;
    }
}
