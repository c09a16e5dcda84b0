package app.highway.realtime;

import app.highway.config.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The two functions the bridge offers the model, what their arguments mean and what the bridge
 * answers. The same for every dialect; how they are declared is the dialect's (e.g.
 * {@link SessionUpdate}).
 */
public final class Tools {
    public static final String HANG_UP = "hang_up_call";
    public static final String REFLECTION = "call_reflection_data";
    public static final List<String> REFLECTION_STATUSES = List.of(
            "user_hung_up", "system_error", "successful_call", "unsuccessful_call", "in_progress");

    private static final ObjectMapper JSON = Json.mapper();

    /** A tool call, read from its name and JSON arguments. */
    public sealed interface Request { }

    /** {@code hang_up_call}: {@code hangUp} false is a no-op the model may still send. */
    public record HangUp(boolean hangUp) implements Request {
        public String output() {
            return hangUp ? "{\"ok\":true,\"note\":\"the call ends once your last words have been played\"}"
                    : "{\"ok\":true}";
        }
    }

    /** {@code call_reflection_data}: how the model judges the call. */
    public record Reflection(String status) implements Request {
        public boolean known() {
            return REFLECTION_STATUSES.contains(status);
        }

        public String output() {
            return known() ? "{\"recorded\":true}"
                    : "{\"recorded\":false,\"error\":\"status must be one of " + REFLECTION_STATUSES + "\"}";
        }
    }

    public record Unknown(String name) implements Request {
        public String output() {
            return "{\"error\":\"unknown tool\"}";
        }
    }

    private Tools() {
    }

    /**
     * Adds the two tools' definitions (the same schemas in both dialects) to {@code tools}: {@code hang_up_call
     * {hangup}} and {@code call_reflection_data {status}}.
     */
    static void define(ArrayNode tools) {
        function(tools, HANG_UP, "Ends the phone call", "hangup").put("type", "boolean");
        ArrayNode statuses = function(tools, REFLECTION, "Sends reflection data after call completion", "status")
                .put("type", "string").putArray("enum");
        REFLECTION_STATUSES.forEach(statuses::add);
    }

    /** A function with one required parameter, {@code parameter}; returns that parameter's schema to fill in. */
    private static ObjectNode function(ArrayNode tools, String name, String description, String parameter) {
        ObjectNode function = tools.addObject();
        function.put("type", "function");
        function.put("name", name);
        function.put("description", description);
        ObjectNode parameters = function.putObject("parameters");
        parameters.put("type", "object");
        ObjectNode schema = parameters.putObject("properties").putObject(parameter);
        parameters.putArray("required").add(parameter);
        return schema;
    }

    /** Broken or missing arguments read as empty ones (hang-up false, status ""). */
    public static Request read(String name, String argumentsJson) {
        JsonNode args;
        try {
            args = JSON.readTree(argumentsJson == null || argumentsJson.isEmpty() ? "{}" : argumentsJson);
        } catch (Exception e) {
            args = JSON.createObjectNode();
        }
        if (args == null) {
            args = JSON.createObjectNode();
        }
        if (REFLECTION.equals(name)) {
            return new Reflection(args.path("status").asText(""));
        }
        if (HANG_UP.equals(name)) {
            return new HangUp(args.path("hangup").asBoolean(false));
        }
        return new Unknown(name);
    }
}
