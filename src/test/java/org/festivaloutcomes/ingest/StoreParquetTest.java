package org.festivaloutcomes.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.festivaloutcomes.SparkTestSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreParquetTest {

    @TempDir
    Path dir;

    @Test
    void sparkReadsBackEveryValueAsWritten() throws Exception {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("s", DataTypes.StringType, true),
                DataTypes.createStructField("n", DataTypes.LongType, true),
                DataTypes.createStructField("d", DataTypes.DateType, true),
                DataTypes.createStructField("t", DataTypes.TimestampNTZType, true),
                DataTypes.createStructField("b", DataTypes.BooleanType, true),
                DataTypes.createStructField("m", Staged.DECIMAL, true)));
        // dates before the Gregorian switch, negative and 38-digit decimals, non-ASCII text, nulls
        List<Object[]> rows = List.of(
                new Object[] {"青岛 West Coast", 42L, LocalDate.of(2023, 4, 6), LocalDateTime.of(2023, 4, 6, 9, 11, 0),
                    true, new BigDecimal("1234567890.123456789012")},
                new Object[] {"", -1L, LocalDate.of(1500, 2, 28), LocalDateTime.of(1200, 1, 1, 0, 0, 0, 1_000),
                    false, new BigDecimal("-0.000000000001")},
                new Object[] {null, null, null, null, null, null},
                new Object[] {"x", Long.MAX_VALUE, LocalDate.of(9999, 12, 31), LocalDateTime.of(2099, 12, 31, 23, 59, 59),
                    true, new BigDecimal("-99999999999999999999999999.999999999999")});
        Path file = dir.resolve("part-00000.snappy.parquet");
        try (ParquetWriter<Object[]> writer = StoreParquet.open(file, schema, List.of("n"))) {
            for (Object[] row : rows) {
                writer.write(row);
            }
        }
        List<Row> read = SparkTestSession.get().read().schema(schema).parquet(file.toString()).collectAsList();
        assertEquals(rows.size(), read.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < schema.size(); c++) {
                Object expected = rows.get(r)[c];
                Object actual = read.get(r).get(c);
                if (expected instanceof BigDecimal e) {
                    assertEquals(0, e.compareTo((BigDecimal) actual), "row " + r + " column " + c);
                } else {
                    assertEquals(expected, actual, "row " + r + " column " + c);
                }
            }
        }
    }

    /** The 16-byte form equals BigInteger's two's complement, sign-extended, on both sides of 64 bits. */
    @Test
    void decimalBytesAreSignExtendedTwosComplement() {
        java.util.Random random = new java.util.Random(7);
        List<java.math.BigInteger> unscaled = new java.util.ArrayList<>(List.of(java.math.BigInteger.ZERO,
                java.math.BigInteger.ONE, java.math.BigInteger.ONE.negate(),
                java.math.BigInteger.valueOf(Long.MAX_VALUE), java.math.BigInteger.valueOf(Long.MIN_VALUE),
                java.math.BigInteger.valueOf(Long.MAX_VALUE).add(java.math.BigInteger.ONE),
                java.math.BigInteger.valueOf(Long.MIN_VALUE).subtract(java.math.BigInteger.ONE)));
        for (int i = 0; i < 2000; i++) {
            java.math.BigInteger v = new java.math.BigInteger(1 + random.nextInt(120), random);
            unscaled.add(random.nextBoolean() ? v : v.negate());
        }
        for (java.math.BigInteger u : unscaled) {
            byte[] minimal = u.toByteArray();
            byte[] expected = new byte[16];
            java.util.Arrays.fill(expected, u.signum() < 0 ? (byte) -1 : (byte) 0);
            System.arraycopy(minimal, 0, expected, 16 - minimal.length, minimal.length);
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected,
                    StoreParquet.decimalBytes(new BigDecimal(u, 12), 12), u.toString());
        }
    }
}
