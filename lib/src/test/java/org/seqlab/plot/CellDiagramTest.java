package org.seqlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class CellDiagramTest {

    private static int count(BufferedImage image, Color colour, int y) {
        int n = 0;
        for (int x = 0; x < image.getWidth(); x++) if (image.getRGB(x, y) == colour.getRGB()) n++;
        return n;
    }

    @Test
    void theLstmsCellStateRunsAcrossTheTopInItsOwnColour() {
        BufferedImage image = Pixels.check(CellDiagram.lstm(), Style.WIDTH, Style.HEIGHT, "cell-diagram-lstm.png");
        int belt = count(image, Style.PALETTE[3], 80);
        assertTrue(belt > 450, "the orange cell-state line spans most of the width, found " + belt + " pixels");
        assertEquals(0, count(image, Style.PALETTE[3], 380), "no cell state at the bottom, where h and x run");
    }

    @Test
    void theGrusHiddenStateRunsAcrossTheTopAndItHasNoCellState() {
        BufferedImage image = Pixels.check(CellDiagram.gru(), Style.WIDTH, Style.HEIGHT, "cell-diagram-gru.png");
        assertTrue(count(image, Style.PALETTE[0], 80) > 450, "the blue hidden-state line spans the top");
        int orange = 0;
        for (int y = 0; y < image.getHeight(); y++) orange += count(image, Style.PALETTE[3], y);
        assertEquals(0, orange, "a GRU has no cell state, so nothing is drawn in its colour");
    }

    @Test
    void describesItselfByTitle() {
        assertTrue(CellDiagram.lstm().describe().contains("LSTM"));
        assertTrue(CellDiagram.gru().toString().contains("GRU"));
    }
}
