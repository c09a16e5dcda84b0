package app.highway.realtime;

/**
 * One way of speaking to voice models: the wire format of a family of models behind
 * {@link ModelConnection} and {@link ModelListener}. A new dialect (e.g. OpenAI's GPT-Live) is one
 * more implementation with its own connection class, listed in {@link RealtimeConnector}; the call
 * code does not change.
 */
interface ModelDialect {
    /** True if this dialect speaks to {@code model}. */
    boolean speaks(String model);

    /** A connection to {@code model} not yet connected; the caller keeps it, then calls {@code connect()}. */
    ModelConnection create(ModelEndpoint endpoint, String model, ModelListener listener, String label);
}
