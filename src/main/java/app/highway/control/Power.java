package app.highway.control;

/**
 * A supervisor's power as one bridge of a fleet asks it of the bridge that holds the call: only what that
 * bridge needs to act (the words typed, the number), never who may use it (the asking bridge decided) nor a
 * verification code (the asking bridge never has it).
 */
public sealed interface Power {
    /** Add {@code text} as a system message; {@code respond}: the assistant answers now. */
    record Whisper(String text, boolean respond) implements Power { }

    /** The assistant says {@code text} next, word for word. */
    record Say(String text) implements Power { }

    /** Mute the assistant. */
    record Mute() implements Power { }

    /** Unmute the assistant. */
    record Unmute() implements Power { }

    /** Transfer to {@code to} (E.164, or null: the team's transfer number); {@code warm}: a summary first. */
    record Transfer(String to, boolean warm) implements Power { }
}
