package app.highway.sound;

import app.highway.audiolink.AudioSource;
import java.util.Optional;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/** The computer's own speakers and microphone through javax.sound.sampled; what exists is looked up once. */
final class SystemAudio implements AudioDevices {
    private volatile Optional<String> output;
    private volatile Optional<String> input;

    @Override
    public Optional<String> outputProblem() {
        if (output == null) {
            output = Speakers.lineFormat().isPresent() ? Optional.empty() : Optional.of(NO_OUTPUT);
        }
        return output;
    }

    @Override
    public Optional<String> inputProblem() {
        if (input == null) {
            input = supported(TargetDataLine.class, Microphone.FORMAT) ? Optional.empty() : Optional.of(NO_INPUT);
        }
        return input;
    }

    @Override
    public Playback output() {
        return new Speakers();
    }

    @Override
    public AudioSource input() {
        return new Microphone();
    }

    static boolean supported(Class<?> line, AudioFormat format) {
        try {
            return AudioSystem.isLineSupported(new DataLine.Info(line, format));
        } catch (RuntimeException | LinkageError e) { // no sound system at all (a trimmed runtime, no ALSA)
            return false;
        }
    }

    static boolean playable(AudioFormat format) {
        return supported(SourceDataLine.class, format);
    }
}
