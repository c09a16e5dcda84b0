package app.highway.store;

import app.highway.call.CallSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging position: the last row's creation time and id. The next page is what sorts after
 * it in (created_at DESC, id DESC), so calls stored meanwhile neither repeat nor shift a page.
 */
record Cursor(long createdAt, String id) {
    static Cursor after(CallSnapshot last) {
        return new Cursor(last.createdAt().toEpochMilli(), last.id());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String text) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int colon = s.indexOf(':');
            return new Cursor(Long.parseLong(s.substring(0, colon)), s.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new InvalidCursor("cursor is not one this API gave out");
        }
    }
}
