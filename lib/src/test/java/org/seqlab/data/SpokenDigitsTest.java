package org.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpokenDigitsTest {

    @Test
    void theShippedSetHas480ClipsOf20BandFramesEvenlyOverDigitsAndVoices() {
        SpokenDigits d = Datasets.spokenDigits();
        assertEquals(480, d.clips().size());
        assertEquals(8, d.voices().size());
        for (int digit = 0; digit < 10; digit++) {
            int k = digit;
            assertEquals(48, d.clips().stream().filter(c -> c.digit() == k).count());
        }
        assertTrue(d.clips().stream().allMatch(c -> c.length() >= 20 && c.length() <= 100 && c.frames()[0].length == 20));
        assertEquals(21_559, d.clips().stream().mapToInt(SpokenDigits.Clip::length).sum());
    }

    @Test
    void holdingOutVoicesGivesDisjointSetsThatBatchAsTBD() {
        SpokenDigits d = Datasets.spokenDigits();
        List<String> heldOut = d.voices().subList(6, 8);
        List<SpokenDigits.Clip> test = d.byVoices(heldOut);
        List<SpokenDigits.Clip> train = d.exceptVoices(heldOut);
        assertEquals(120, test.size());
        assertEquals(360, train.size());
        SequenceBatch b = Batcher.batch(SpokenDigits.sequences(test.subList(0, 10)));
        assertEquals(20, b.x().size(2));
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, b.targets().toFloatVector());
    }

    @Test
    void aFramesFileOutOfStepWithClipsIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("spoken-digits"));
        Files.writeString(dir.resolve(SpokenDigits.CLIPS), "clip,digit,word,voice,speed,pitch,frames\n0,1,one,en,175,50,2\n");
        StringBuilder frames = new StringBuilder("clip,frame");
        for (int m = 0; m < 20; m++) frames.append(String.format(",mel%02d", m));
        frames.append('\n');
        for (int k : new int[] {0, 2}) {
            frames.append("0,").append(k);
            for (int m = 0; m < 20; m++) frames.append(",0.5");
            frames.append('\n');
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(SpokenDigits.FEATURES)))) {
            out.write(frames.toString().getBytes(StandardCharsets.UTF_8));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpokenDigits.read(dir));
        assertTrue(e.getMessage().contains("log-mel.csv.gz at line 3") && e.getMessage().contains("frame 1"),
                e.getMessage());
    }
}
