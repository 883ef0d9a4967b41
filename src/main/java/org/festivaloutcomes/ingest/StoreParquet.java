package org.festivaloutcomes.ingest;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;

/**
 * Writes a parse task's store rows (Java values in the store schema's order) straight into one
 * Parquet file with parquet-mr, in the layout Spark itself writes for that schema (Spark's own schema
 * converter, Spark's metadata), so that Spark reads the entries back as if it had written them. Going
 * through a Spark write job instead turned every value into Spark's internal row first, a fifth of
 * the parse.
 */
final class StoreParquet {

    /** Decimals up to 38 digits take 16 bytes, as Spark writes them. */
    private static final int DECIMAL_BYTES = 16;

    private StoreParquet() {
    }

    /**
     * A writer of one file; no dictionary for the {@code unique} columns (about one value per row), and no
     * min/max statistics (the store's rejected rows are read whole, never filtered).
     */
    static ParquetWriter<Object[]> open(Path file, StructType schema, List<String> unique) throws IOException {
        Builder builder = new Builder(new LocalOutputFile(file), schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withSizeStatisticsEnabled(false)
                // row groups of 32 MB: less buffered per task, and finer splits for the reads
                .withRowGroupSize(32L << 20)
                .withConf(new Configuration(false));
        for (String column : schema.fieldNames()) {
            if (unique.contains(column)) {
                builder = builder.withDictionaryEncoding(column, false);
            }
            builder = builder.withStatisticsEnabled(column, false);
        }
        return builder.build();
    }

    private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
        private final StructType schema;

        Builder(LocalOutputFile file, StructType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(schema);
        }
    }

    /** Writes one Object[] per record; a null value is an absent optional field. */
    private static final class RowWriteSupport extends WriteSupport<Object[]> {
        private final StructType schema;
        private final String[] names;
        private final int[] kinds;
        private RecordConsumer consumer;
        /** Per column, the last string written and its bytes: enum values and ids repeat as one instance. */
        private final String[] lastString;
        private final Binary[] lastBinary;

        private static final int STRING = 0;
        private static final int LONG = 1;
        private static final int DATE = 2;
        private static final int TIMESTAMP_NTZ = 3;
        private static final int BOOLEAN = 4;
        private static final int DECIMAL = 5;

        RowWriteSupport(StructType schema) {
            this.schema = schema;
            this.names = schema.fieldNames();
            this.kinds = new int[names.length];
            this.lastString = new String[names.length];
            this.lastBinary = new Binary[names.length];
            for (int i = 0; i < names.length; i++) {
                kinds[i] = kind(schema.fields()[i].dataType());
            }
        }

        private static int kind(DataType type) {
            if (type instanceof StringType) {
                return STRING;
            } else if (type instanceof LongType) {
                return LONG;
            } else if (type instanceof DateType) {
                return DATE;
            } else if (type instanceof TimestampNTZType) {
                return TIMESTAMP_NTZ;
            } else if (type instanceof BooleanType) {
                return BOOLEAN;
            } else if (type instanceof DecimalType d && d.precision() > 18 && d.precision() <= 38) {
                return DECIMAL;
            }
            throw new IllegalArgumentException("no store column of type " + type.simpleString());
        }

        @Override
        public WriteContext init(Configuration configuration) {
            MessageType parquetSchema = new SparkToParquetSchemaConverter(SQLConf.get()).convert(schema);
            return new WriteContext(parquetSchema, Map.of(
                    "org.apache.spark.version", org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT(),
                    "org.apache.spark.sql.parquet.row.metadata", schema.json()));
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Object[] row) {
            consumer.startMessage();
            for (int i = 0; i < names.length; i++) {
                Object value = row[i];
                if (value == null) {
                    continue;
                }
                consumer.startField(names[i], i);
                switch (kinds[i]) {
                    case STRING -> consumer.addBinary(binary(i, (String) value));
                    case LONG -> consumer.addLong((Long) value);
                    case DATE -> consumer.addInteger((int) ((LocalDate) value).toEpochDay());
                    case TIMESTAMP_NTZ -> consumer.addLong(micros((LocalDateTime) value));
                    case BOOLEAN -> consumer.addBoolean((Boolean) value);
                    default -> consumer.addBinary(Binary.fromConstantByteArray(decimalBytes((BigDecimal) value,
                            ((DecimalType) schema.fields()[i].dataType()).scale())));
                }
                consumer.endField(names[i], i);
            }
            consumer.endMessage();
        }

        /**
         * A string's UTF-8 bytes as an array-backed binary, which parquet's dictionaries hash and compare
         * faster than the buffer-backed one {@code Binary.fromString} makes.
         */
        private Binary binary(int column, String value) {
            if (value != lastString[column]) {
                lastString[column] = value;
                lastBinary[column] = Binary.fromConstantByteArray(value.getBytes(StandardCharsets.UTF_8));
            }
            return lastBinary[column];
        }
    }

    /** Microseconds since 1970-01-01T00:00 of a wall-clock time (TIMESTAMP_NTZ). */
    static long micros(LocalDateTime value) {
        return Math.addExact(Math.multiplyExact(value.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
                value.getNano() / 1_000L);
    }

    /** The unscaled value at the column's scale, big-endian two's complement in 16 bytes, as Spark writes. */
    static byte[] decimalBytes(BigDecimal value, int scale) {
        BigInteger unscaled = value.setScale(scale).unscaledValue();
        byte[] fixed = new byte[DECIMAL_BYTES];
        if (unscaled.bitLength() < Long.SIZE) {
            // most amounts: the low eight bytes, the high ones the sign (no intermediate array)
            long low = unscaled.longValue();
            for (int i = 0; i < DECIMAL_BYTES; i++) {
                fixed[i] = i < Long.BYTES ? (byte) (low >> 63) : (byte) (low >>> (8 * (DECIMAL_BYTES - 1 - i)));
            }
            return fixed;
        }
        byte[] minimal = unscaled.toByteArray();
        Arrays.fill(fixed, 0, DECIMAL_BYTES - minimal.length, minimal[0] < 0 ? (byte) -1 : (byte) 0);
        System.arraycopy(minimal, 0, fixed, DECIMAL_BYTES - minimal.length, minimal.length);
        return fixed;
    }
}
