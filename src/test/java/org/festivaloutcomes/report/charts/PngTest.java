package org.festivaloutcomes.report.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngTest {

    /** Every pixel comes back from a standard decoder exactly, whatever its neighbours. */
    @Test
    void imageIoReadsBackEveryPixel() throws IOException {
        BufferedImage image = new BufferedImage(301, 97, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 301, 97);
        g.setColor(new Color(0x1f, 0x4e, 0x79));
        g.fillOval(10, 10, 120, 70);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 18));
        g.drawString("Visits 12,345", 140, 50);
        g.dispose();
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            // arbitrary colours next to each other: every byte difference, wrapping below zero
            image.setRGB(random.nextInt(301), random.nextInt(97), random.nextInt(1 << 24));
        }

        byte[] png = Png.encode(image);

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(301, read.getWidth());
        assertEquals(97, read.getHeight());
        assertArrayEquals(image.getRGB(0, 0, 301, 97, null, 0, 301), read.getRGB(0, 0, 301, 97, null, 0, 301));
        assertArrayEquals(png, Png.encode(image), "the same image gives the same bytes");
    }

    @Test
    void otherImageTypesAreEncodedByTheirColours() throws IOException {
        BufferedImage image = new BufferedImage(5, 3, BufferedImage.TYPE_INT_ARGB);
        int[] colours = new int[15];
        Arrays.setAll(colours, i -> 0xFF000000 | (i * 0x111111));
        image.setRGB(0, 0, 5, 3, colours, 0, 5);

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(Png.encode(image)));

        assertArrayEquals(colours, read.getRGB(0, 0, 5, 3, null, 0, 5));
    }
}
