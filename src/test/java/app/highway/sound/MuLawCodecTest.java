package app.highway.sound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.highway.audio.MuLaw;
import app.highway.audiolink.AudioFrame;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The console's μ-law path: the microphone's PCM encoded as javax.sound's own ULAW conversion encodes it, the
 * speakers' decoding as javax.sound decodes it, and a round trip that keeps speech within μ-law's step size.
 */
@Tag("unit")
class MuLawCodecTest {
    private static final AudioFormat PCM = new AudioFormat(8000f, 16, 1, true, false);
    private static final AudioFormat ULAW = new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, false);

    /** A 440 Hz tone with a rising envelope: every μ-law segment gets used. */
    private static byte[] tone() {
        byte[] pcm = new byte[AudioFrame.AUDIO_BYTES * 2 * 10];
        for (int i = 0; i < pcm.length / 2; i++) {
            double envelope = (i + 1) / (double) (pcm.length / 2);
            int s = (int) Math.round(Math.sin(2 * Math.PI * 440 * i / 8000.0) * 32000 * envelope);
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        return pcm;
    }

    private static byte[] convert(byte[] data, AudioFormat from, AudioFormat to) throws IOException {
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data), from,
                data.length / from.getFrameSize());
                AudioInputStream out = AudioSystem.getAudioInputStream(to, in)) {
            return out.readAllBytes();
        }
    }

    @Test
    void theMicrophonesFramesAreWhatJavaSoundsUlawEncoderMakes() throws IOException {
        byte[] pcm = tone();
        byte[] ours = new byte[0];
        for (int off = 0; off < pcm.length; off += AudioFrame.AUDIO_BYTES * 2) {
            byte[] frame = Microphone.encode(java.util.Arrays.copyOfRange(pcm, off, off + AudioFrame.AUDIO_BYTES * 2));
            assertEquals(AudioFrame.AUDIO_BYTES, frame.length, "20 ms of 16-bit PCM is one 160-byte frame");
            byte[] joined = java.util.Arrays.copyOf(ours, ours.length + frame.length);
            System.arraycopy(frame, 0, joined, ours.length, frame.length);
            ours = joined;
        }
        byte[] javaSound = convert(pcm, PCM, ULAW);
        int differ = 0;
        for (int i = 0; i < ours.length; i++) {
            // the two encoders may round a sample on a segment's edge differently, never by more than one step
            int d = Math.abs(MuLaw.decode(ours[i]) - MuLaw.decode(javaSound[i]));
            if (d != 0) {
                differ++;
                assertTrue(d <= 1024, "sample " + i + " differs by " + d);
            }
        }
        assertTrue(differ <= ours.length / 50, differ + " of " + ours.length + " samples encoded differently");
    }

    @Test
    void theSpeakersDecodeAsJavaSoundsUlawDecoder() throws IOException {
        byte[] every = new byte[256];
        for (int i = 0; i < 256; i++) {
            every[i] = (byte) i;
        }
        byte[] javaSound = convert(every, ULAW, PCM);
        byte[] ours = new byte[512];
        Speakers.decode(every, 100, 1, ours);
        for (int i = 0; i < 256; i++) {
            int a = (short) ((ours[2 * i] & 0xFF) | (ours[2 * i + 1] << 8));
            int b = (short) ((javaSound[2 * i] & 0xFF) | (javaSound[2 * i + 1] << 8));
            assertTrue(Math.abs(a - b) <= 4, "code " + i + ": ours " + a + ", javax.sound " + b);
        }
    }

    @Test
    void aRoundTripKeepsSpeechWithinMuLawsStepAndTheVolumeScalesIt() {
        byte[] pcm = tone();
        byte[] ulaw = Microphone.encode(pcm);
        byte[] back = new byte[pcm.length];
        Speakers.decode(ulaw, 100, 1, back);
        for (int i = 0; i < pcm.length / 2; i++) {
            int in = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8));
            int out = (short) ((back[2 * i] & 0xFF) | (back[2 * i + 1] << 8));
            // μ-law's quantisation error is at most half a step: 1/32 of the value plus the bias
            assertTrue(Math.abs(in - out) <= Math.abs(in) / 16 + 8, "sample " + i + ": " + in + " -> " + out);
        }
        byte[] half = new byte[pcm.length];
        Speakers.decode(ulaw, 50, 1, half);
        int s = (short) ((back[200] & 0xFF) | (back[201] << 8));
        int h = (short) ((half[200] & 0xFF) | (half[201] << 8));
        assertEquals(Math.round(s * 0.5), h, 1, "volume 50 % halves the samples");
        byte[] loud = new byte[pcm.length * 6];
        Speakers.decode(ulaw, 100, 6, loud);
        assertArrayEquals(java.util.Arrays.copyOfRange(back, 0, 2), java.util.Arrays.copyOfRange(loud, 10, 12),
                "a 48 kHz line repeats each sample six times");
    }

    @Test
    void withoutASoundDeviceTheSystemSaysWhatIsMissing() {
        AudioDevices system = AudioDevices.system();
        // whatever this machine has, each answer is either "present" or the sentence the console shows
        system.outputProblem().ifPresent(p -> assertEquals(AudioDevices.NO_OUTPUT, p));
        system.inputProblem().ifPresent(p -> assertEquals(AudioDevices.NO_INPUT, p));
    }
}
