package app.highway.sound;

import app.highway.audiolink.AudioSink;

/** An {@link AudioSink} with a volume: the console's speakers, or a test sink. */
public interface Playback extends AudioSink {
    /** The volume, 0 (silent) to 100 (as received). */
    void volume(int percent);

    int volume();
}
