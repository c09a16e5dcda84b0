package app.highway.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class MuLawTest {
    @Test
    void encodesAsJavaSoundsG711Decoder() throws Exception {
        byte[] ulaw = new SpeechLikeSignal(7, 200).next(100, true);
        AudioFormat ulawFormat = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        AudioFormat pcm = new AudioFormat(8000, 16, 1, true, false);
        byte[] decoded = AudioSystem.getAudioInputStream(pcm,
                new AudioInputStream(new ByteArrayInputStream(ulaw), ulawFormat, ulaw.length)).readAllBytes();
        assertEquals(ulaw.length * 2, decoded.length);
        for (int i = 0; i < ulaw.length; i++) {
            int javaSound = (short) ((decoded[2 * i] & 0xFF) | (decoded[2 * i + 1] << 8));
            assertEquals(javaSound, MuLaw.decode(ulaw[i]), "sample " + i);
        }
        for (int i = 0; i < ulaw.length; i++) {
            // encode(decode(x)) is x, except that μ-law's "negative zero" comes back as zero
            assertEquals(MuLaw.decode(ulaw[i]), MuLaw.decode(MuLaw.encode(MuLaw.decode(ulaw[i]))), "sample " + i);
        }
    }

    @Test
    void speechLikeSignalIsNotSilence() {
        byte[] speech = new SpeechLikeSignal(1, 150).next(500, true);
        long loud = 0;
        for (byte b : speech) {
            loud += Math.abs(MuLaw.decode(b)) > 1000 ? 1 : 0;
        }
        assertTrue(loud > speech.length / 5, "loud samples: " + loud);
    }
}
