package app.highway.audiolink;

/**
 * How a console's audio link to a call ended, or why it never opened: what the console tells its person.
 * Each case carries a sentence for people ({@link #message()}).
 */
public sealed interface LinkOutcome {
    String message();

    /** The bridge refused the upgrade: 401, 403 (the role may not), 404 (no such call), 409 (not live, elsewhere). */
    record Refused(int status, String message) implements LinkOutcome { }

    /** The call ended ({@code reason}: its end reason, as the bridge records it). */
    record Ended(String reason) implements LinkOutcome {
        @Override
        public String message() {
            return "The call ended" + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    /** The console stopped listening, or handed the call back. */
    record Stopped() implements LinkOutcome {
        @Override
        public String message() {
            return "Stopped";
        }
    }

    /** The person's token was revoked (close code 4003). */
    record Revoked() implements LinkOutcome {
        @Override
        public String message() {
            return "The bridge revoked your access";
        }
    }

    /** Another console took the call over (close code 4009): this take-over is over. */
    record TakenOverElsewhere(String by) implements LinkOutcome {
        @Override
        public String message() {
            return "Another console took the call over" + (by == null || by.isEmpty() ? "" : " (" + by + ")");
        }
    }

    /** The connection dropped, the bridge stopped (1001) or failed (1011). */
    record Lost(int code, String reason) implements LinkOutcome {
        @Override
        public String message() {
            return switch (code) {
                case 1001 -> "The bridge is stopping";
                case 1011 -> "The bridge failed" + (reason == null || reason.isEmpty() ? "" : ": " + reason);
                default -> "The connection to the bridge was lost"
                        + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
            };
        }
    }
}
