package app.highway.call;

/**
 * What a call's audio link (listening in, taking over) sees of a live call, on the relay loop: the
 * caller's frames, alone or mixed with what the caller hears, 20 ms at a time, and the call's end.
 */
public interface CallAudio {
    /** Bytes of μ-law in every frame handed over: 20 ms at 8 kHz. */
    int FRAME_BYTES = 160;

    /** One who hears the call. Called on the relay loop; must not block (drop a frame rather than wait). */
    interface Listener {
        /**
         * 20 ms of the call: {@code audio[0, 160)} (valid only during the call: copy what you keep),
         * made at {@code micros} (wall clock, microseconds since the epoch).
         */
        void frame(byte[] audio, long micros);

        /** The caller's own audio only (a take-over), instead of the mix the caller hears. */
        default boolean callerOnly() {
            return false;
        }

        /** The call ended ({@code reason}: its end reason); no frame follows. Any thread. */
        void ended(String reason);
    }
}
