package app.highway.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /call-customer}: {@code {"to": "+12025550123", "verification": 123}}.
 * {@code verification} may be a number or a string of 3 to 10 digits; {@code note} is optional.
 */
record CallRequest(String to, String verification, String note) {

    /** Reads and validates the body; throws {@link BadRequest} with every problem found. */
    static CallRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequest("invalid_request", "The body must be a JSON object like "
                    + "{\"to\": \"+12025550123\", \"verification\": 123}");
        }
        List<String> problems = new ArrayList<>();
        JsonNode to = body.get("to");
        if (to == null || to.isNull() || (to.isTextual() && to.asText().isBlank())) {
            problems.add("'to' is required: the phone number to call in E.164 form, like +12025550123");
        } else if (!to.isTextual()) {
            problems.add("'to' must be a string in E.164 form, like \"+12025550123\" (quoted, with the +), not "
                    + (to.isNumber() ? "a JSON number" : "JSON " + to.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        JsonNode v = body.get("verification");
        String code = null;
        if (v == null || v.isNull()) {
            problems.add("'verification' is required: the code to read out, 3 to 10 digits");
        } else if (v.isIntegralNumber() || v.isTextual()) {
            code = v.asText().trim();
            if (!code.matches("[0-9]{3,10}")) {
                problems.add("'verification' must be 3 to 10 digits");
            }
        } else {
            problems.add("'verification' must be a number or a string of digits");
        }
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && (!note.isTextual() || note.asText().length() > 500)) {
            problems.add("'note' must be text of at most 500 characters");
        }
        if (!problems.isEmpty()) {
            throw new BadRequest("invalid_request", String.join("; ", problems));
        }
        return new CallRequest(to.asText().trim(), code, note == null || note.isNull() ? null : note.asText());
    }
}
