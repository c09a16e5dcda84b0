package app.highway.audiolink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AudioFrameTest {

    @Test
    void aFrameReadsBackAsItWasSent() {
        byte[] audio = new byte[AudioFrame.AUDIO_BYTES];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 7);
        }
        AudioFrame sent = new AudioFrame(41, 1_764_000_000_123_456L, audio);

        byte[] wire = sent.toWire();

        assertEquals(AudioFrame.WIRE_BYTES, wire.length);
        assertEquals(sent, AudioFrame.fromWire(wire));
    }

    @Test
    void aMessageOfAnyOtherSizeIsRefusedWithItsSize() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AudioFrame.fromWire(new byte[100]))
                .getMessage().contains("100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new AudioFrame(0, 0, new byte[159]))
                .getMessage().contains("159"));
    }
}
