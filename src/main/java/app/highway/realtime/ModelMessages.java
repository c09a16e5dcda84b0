package app.highway.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every dialect does with a message from the model before reading its event: the byte tests of the audio
 * fast path (does the message start with a delta's type, is the delta a plain base64 string) and the parse of
 * everything else into an event with a {@code type}. A message that is not JSON, or has no type, is logged and
 * skipped (it is not an {@code error} event: those are always handed to the call).
 */
final class ModelMessages {
    private static final Logger log = LoggerFactory.getLogger(ModelMessages.class);

    private ModelMessages() { }

    /** True if the first {@code length} bytes of {@code message} start with {@code prefix}. */
    static boolean startsWith(byte[] message, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (message[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Length of the JSON string value whose text starts at {@code start}, or -1 if it holds an escape. */
    static int plainString(byte[] message, int start, int end) {
        if (start < 1 || message[start - 1] != '"') {
            return -1;
        }
        for (int i = start; i < end; i++) {
            byte b = message[i];
            if (b == '"') {
                return i - start;
            }
            if (b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    /** The event in {@code message}, or null (logged) if it is not a JSON object with a textual {@code type}. */
    static JsonNode event(ObjectMapper json, byte[] message, int size, String api) {
        JsonNode event;
        try {
            event = json.readTree(message, 0, size);
        } catch (Exception e) {
            log.warn("Ignoring a {} message that is not JSON ({} bytes)", api, size);
            return null;
        }
        if (event == null || !event.isObject() || !event.path("type").isTextual()) {
            log.warn("Ignoring a {} message without a type", api);
            return null;
        }
        return event;
    }
}
