package app.highway.twilio;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads Twilio Media Streams' JSON: what Twilio sends to the bridge. What the bridge sends back is
 * written by {@link MediaStreamSender}, one per admitted stream.
 */
public final class MediaStreamProtocol {
    /** Bigger than any real frame (Twilio sends 20 ms = 160 bytes = 216 base64 chars); guards the parser. */
    public static final int MAX_MESSAGE_CHARS = 64 * 1024;
    private final ObjectMapper json;

    public MediaStreamProtocol(ObjectMapper json) {
        this.json = json;
    }

    public MediaEvent parse(String text) {
        if (text == null || text.isEmpty()) {
            return new MediaEvent.Malformed("empty message");
        }
        if (text.length() > MAX_MESSAGE_CHARS) {
            return new MediaEvent.Malformed("message of " + text.length() + " chars exceeds the limit");
        }
        MediaEvent fast = fastMedia(text);
        if (fast != null) {
            return fast;
        }
        JsonNode m;
        try {
            m = json.readTree(text);
        } catch (Exception e) {
            return new MediaEvent.Malformed("not JSON");
        }
        if (m == null || !m.isObject()) {
            return new MediaEvent.Malformed("not a JSON object");
        }
        String event = m.path("event").asText("");
        String streamSid = m.path("streamSid").asText(null);
        switch (event) {
            case "connected":
                return new MediaEvent.Connected(m.path("protocol").asText(""));
            case "start": {
                JsonNode s = m.path("start");
                String sid = s.path("streamSid").asText(streamSid);
                String callSid = s.path("callSid").asText(null);
                if (sid == null || callSid == null) {
                    return new MediaEvent.Malformed("start without streamSid or callSid");
                }
                Map<String, String> params = new HashMap<>();
                s.path("customParameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                JsonNode format = s.path("mediaFormat");
                return new MediaEvent.Start(sid, callSid, s.path("accountSid").asText(null), params,
                        format.path("encoding").asText("audio/x-mulaw"), format.path("sampleRate").asInt(8000));
            }
            case "media": {
                JsonNode media = m.path("media");
                JsonNode payload = media.path("payload");
                if (!payload.isTextual() || !isBase64(payload.asText())) {
                    return new MediaEvent.Malformed("media frame without a valid base64 payload");
                }
                JsonNode ts = media.path("timestamp");
                long timestamp = ts.isNumber() ? ts.asLong() : parseLong(ts.asText(""));
                if (timestamp < 0) {
                    return new MediaEvent.Malformed("media frame with an invalid timestamp");
                }
                return new MediaEvent.Media(streamSid, media.path("track").asText("inbound"), timestamp,
                        payload.asText());
            }
            case "mark":
                return new MediaEvent.Mark(streamSid, m.path("mark").path("name").asText(""));
            case "dtmf":
                return new MediaEvent.Dtmf(streamSid, m.path("dtmf").path("digit").asText(""));
            case "stop":
                return new MediaEvent.Stop(streamSid, m.path("stop").path("callSid").asText(null));
            default:
                return new MediaEvent.Malformed("unknown event '" + truncate(event) + "'");
        }
    }

    /**
     * The hot path (50 frames a second per call): a well-formed {@code media} frame read with the
     * streaming parser, without building a tree. Null for anything else, which the full parser
     * then handles (and judges).
     */
    private MediaEvent fastMedia(String text) {
        if (!text.contains("\"media\"")) {
            return null;
        }
        String event = null;
        String streamSid = null;
        String payload = null;
        String track = "inbound";
        long timestamp = -1;
        try (JsonParser p = json.getFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "event" -> event = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "streamSid" -> streamSid = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "media" -> {
                        if (value != JsonToken.START_OBJECT) {
                            return null;
                        }
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String f = p.currentName();
                            JsonToken v = p.nextToken();
                            if ("payload".equals(f) && v == JsonToken.VALUE_STRING) {
                                payload = p.getText();
                            } else if ("timestamp".equals(f) && v == JsonToken.VALUE_STRING) {
                                timestamp = parseLong(p.getText());
                            } else if ("timestamp".equals(f) && v == JsonToken.VALUE_NUMBER_INT) {
                                timestamp = p.getLongValue();
                            } else if ("track".equals(f) && v == JsonToken.VALUE_STRING) {
                                track = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return null;
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        if (!"media".equals(event) || payload == null || timestamp < 0 || !isBase64(payload)) {
            return null;
        }
        return new MediaEvent.Media(streamSid, track, timestamp, payload);
    }

    /** The base64 alphabet (without '='), as a lookup table: one load per character on the frame path. */
    private static final boolean[] BASE64_ALPHABET = new boolean[128];

    static {
        for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray()) {
            BASE64_ALPHABET[c] = true;
        }
    }

    /** Standard base64 with padding; no allocation. */
    public static boolean isBase64(String s) {
        int n = s.length();
        if (n == 0 || n % 4 != 0) {
            return false;
        }
        int body = s.charAt(n - 1) != '=' ? n : s.charAt(n - 2) != '=' ? n - 1 : n - 2;
        for (int i = 0; i < body; i++) {
            char c = s.charAt(i);
            if (c >= 128 || !BASE64_ALPHABET[c]) {
                return false;
            }
        }
        return true;
    }

    /** Bytes in a base64 string, without decoding it; for μ-law at 8 kHz, 8 bytes are 1 ms. */
    public static int decodedLength(String base64) {
        int n = base64.length();
        if (n == 0) {
            return 0;
        }
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return n / 4 * 3 - padding;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String truncate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
