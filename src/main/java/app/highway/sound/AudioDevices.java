package app.highway.sound;

import app.highway.audiolink.AudioSource;
import java.util.Optional;

/**
 * The computer's audio devices as the console uses them: whether a call's audio can be played and the
 * person's voice captured, and why not (a server or CI machine has neither: the controls that need them say
 * so and are disabled). {@link #system()} is the real one (javax.sound.sampled); tests hand the console one
 * with a recording sink and a scripted source.
 */
public interface AudioDevices {
    String NO_OUTPUT = "No audio output device on this computer";
    String NO_INPUT = "No microphone on this computer";

    /** Why a call's audio cannot be played here; empty when it can. May look at the system: not on the FX thread. */
    Optional<String> outputProblem();

    /** Why the person's voice cannot be captured here; empty when it can. Not on the FX thread. */
    Optional<String> inputProblem();

    /** A player for one link (opens the device when the link begins). */
    Playback output();

    /** A capture for one take-over (opens the device when it starts). */
    AudioSource input();

    static AudioDevices system() {
        return new SystemAudio();
    }
}
