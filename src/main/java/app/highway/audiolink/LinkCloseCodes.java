package app.highway.audiolink;

/** How the bridge closes an audio-link socket (see the package description). */
public final class LinkCloseCodes {
    /** The call ended (after the {@code ended} message), or the console stopped. */
    public static final short NORMAL = 1000;
    /** The bridge is stopping. */
    public static final short GOING_AWAY = 1001;
    /** A message from the console was not one audio frame (the reason says what was wrong). */
    public static final short BAD_FRAME = 1007;
    /** The bridge failed to serve the socket. */
    public static final short INTERNAL_ERROR = 1011;
    /** The console did not keep up: its connection stayed full for a second (frames were dropped meanwhile). */
    public static final short TOO_SLOW = 4001;
    /** The token was revoked, or its person disabled: do not reconnect. */
    public static final short REVOKED = 4003;
    /** Another console took the call over (a take-over socket only; listeners stay). */
    public static final short TAKEN_OVER = 4009;

    private LinkCloseCodes() {
    }
}
