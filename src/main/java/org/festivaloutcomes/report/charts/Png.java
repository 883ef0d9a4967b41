package org.festivaloutcomes.report.charts;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes a chart's RGB image as a PNG file: 8-bit truecolour, each row filtered by Sub (a pixel minus
 * the one to its left) or Up (minus the one above), whichever leaves the smaller sum of absolute
 * differences (libpng's heuristic; a chart's flat areas and straight lines become runs of zeros), then
 * deflated by zlib.
 *
 * <p>ImageIO's PNG writer tries all five filters on every row and reads the pixels one sample at a time;
 * on a fresh JVM it took about 0.8 s for the sample's 16 charts. This takes about 0.35 s, and its files
 * are a fifth smaller. The same image gives the same bytes.
 */
final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte TRUECOLOUR = 2;
    private static final byte FILTER_SUB = 1;
    private static final byte FILTER_UP = 2;

    private Png() {
    }

    static byte[] encode(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = image.getType() == BufferedImage.TYPE_INT_RGB
                ? ((DataBufferInt) image.getRaster().getDataBuffer()).getData()
                : image.getRGB(0, 0, width, height, null, 0, width);
        int stride = 1 + 3 * width;
        byte[] rows = new byte[height * stride];
        byte[] sub = new byte[3 * width];
        byte[] up = new byte[3 * width];
        for (int y = 0; y < height; y++) {
            int subCost = 0;
            int upCost = 0;
            int left = 0;
            for (int x = 0, at = y * width; x < width; x++, at++) {
                int rgb = pixels[at];
                int above = y == 0 ? 0 : pixels[at - width];
                for (int shift = 16, i = 3 * x; shift >= 0; shift -= 8, i++) {
                    byte fromLeft = (byte) ((rgb >> shift) - (left >> shift));
                    byte fromAbove = (byte) ((rgb >> shift) - (above >> shift));
                    sub[i] = fromLeft;
                    up[i] = fromAbove;
                    subCost += Math.abs(fromLeft);
                    upCost += Math.abs(fromAbove);
                }
                left = rgb;
            }
            boolean byUp = upCost < subCost;
            rows[y * stride] = byUp ? FILTER_UP : FILTER_SUB;
            System.arraycopy(byUp ? up : sub, 0, rows, y * stride + 1, 3 * width);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(rows.length / 8);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put(TRUECOLOUR).put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", deflate(rows));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        // the fastest level: flat chart colours compress well at any level, and this runs for 16 charts
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8);
            byte[] buffer = new byte[1 << 16];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(name);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
