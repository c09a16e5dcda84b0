package app.highway.twilio;

import app.highway.audio.Base64Audio;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
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
                        Base64Audio.of(payload.asText()));
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

    /** A reader for one socket's messages, as bytes (it remembers the stream's sid between frames). */
    public Reader reader() {
        return new Reader();
    }

    /**
     * Reads one socket's messages from their bytes. The hot path (50 frames a second per call): a
     * well-formed {@code media} frame is read with the streaming parser on the bytes, and its payload
     * is handed over where it lies ({@link Base64Audio#view}: valid until the next message), with no
     * {@code String} made per frame. Anything else (or anything unusual, e.g. an escape in the
     * payload) goes the text way, {@link #parse(String)}. One socket, one thread at a time.
     */
    public final class Reader {
        private String streamSid = "";

        private Reader() {
        }

        /** {@code bytes[offset, offset + length)}: one whole text message, UTF-8. */
        public MediaEvent read(byte[] bytes, int offset, int length) {
            if (length > MAX_MESSAGE_CHARS) {
                return new MediaEvent.Malformed("message of " + length + " bytes exceeds the limit");
            }
            MediaEvent fast = length == 0 ? null : fastMedia(bytes, offset, length);
            return fast != null ? fast : parse(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        private MediaEvent fastMedia(byte[] bytes, int offset, int length) {
            boolean isMedia = false;
            String sid = null;
            int payloadStart = -1;
            int payloadLength = -1;
            String track = "inbound";
            long timestamp = -1;
            try (JsonParser p = json.getFactory().createParser(bytes, offset, length)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName(); // field names are canonical: no String per frame
                    JsonToken value = p.nextToken();
                    switch (field) {
                        case "event" -> {
                            if (value != JsonToken.VALUE_STRING || !textEquals(p, "media")) {
                                return null; // not media: the text way
                            }
                            isMedia = true;
                        }
                        case "streamSid" -> {
                            if (value != JsonToken.VALUE_STRING) {
                                return null;
                            }
                            if (!textEquals(p, streamSid)) {
                                streamSid = p.getText(); // once per stream
                            }
                            sid = streamSid;
                        }
                        case "media" -> {
                            if (value != JsonToken.START_OBJECT) {
                                return null;
                            }
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String f = p.currentName();
                                JsonToken v = p.nextToken();
                                if ("payload".equals(f) && v == JsonToken.VALUE_STRING) {
                                    payloadStart = offset + (int) p.currentTokenLocation().getByteOffset() + 1;
                                    payloadLength = plainString(bytes, payloadStart, offset + length);
                                    if (payloadLength < 0) {
                                        return null; // an escape, or not where the parser said
                                    }
                                } else if ("timestamp".equals(f) && v == JsonToken.VALUE_STRING) {
                                    timestamp = digits(p);
                                } else if ("timestamp".equals(f) && v == JsonToken.VALUE_NUMBER_INT) {
                                    timestamp = p.getLongValue();
                                } else if ("track".equals(f) && v == JsonToken.VALUE_STRING) {
                                    track = textEquals(p, "inbound") ? "inbound" : p.getText();
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
            if (!isMedia || payloadStart < 0 || timestamp < 0
                    || !Base64Audio.isBase64(bytes, payloadStart, payloadLength)) {
                return null; // the text way judges it
            }
            return new MediaEvent.Media(sid, track, timestamp, Base64Audio.view(bytes, payloadStart, payloadLength));
        }
    }

    /** Length of the string value starting at {@code start} (after its quote), or -1 if it has an escape. */
    private static int plainString(byte[] bytes, int start, int end) {
        if (start < 1 || bytes[start - 1] != '"') {
            return -1;
        }
        for (int i = start; i < end; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i - start;
            }
            if (b == '\\') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean textEquals(JsonParser p, String expected) throws java.io.IOException {
        int n = p.getTextLength();
        if (n != expected.length()) {
            return false;
        }
        char[] chars = p.getTextCharacters();
        int o = p.getTextOffset();
        for (int i = 0; i < n; i++) {
            if (chars[o + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A non-negative decimal string value without a String; -1 if it is not one. */
    private static long digits(JsonParser p) throws java.io.IOException {
        int n = p.getTextLength();
        if (n == 0 || n > 18) {
            return -1;
        }
        char[] chars = p.getTextCharacters();
        int o = p.getTextOffset();
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = chars[o + i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
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
        return new MediaEvent.Media(streamSid, track, timestamp, Base64Audio.of(payload));
    }

    /** Standard base64 with padding, by lookup table; no allocation. */
    public static boolean isBase64(String s) {
        return Base64Audio.isBase64(s);
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
