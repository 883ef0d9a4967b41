package org.festivaloutcomes.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.unsafe.types.UTF8String;
import org.festivaloutcomes.ingest.DealFacts;

/**
 * The rows the deal walk reads ({@link DealTally#COLUMNS} and the deal hash), from a range of sections of
 * every {@link DealFacts} file, in deal hash order as the walk needs them: the same rows, with the same
 * values, as {@link DealMetrics} selects from the accepted rows' Dataset and Spark sorts after a shuffle. Only
 * (hash, where the row is) is sorted, as pairs of longs ({@link KeyedRows}); each row's values are read
 * when its turn comes, into one reused row (the walk copies what it keeps).
 */
final class DealFactRows implements Iterator<InternalRow>, AutoCloseable {

    /** Positions of DealTally.COLUMNS' text columns among the facts' text values. */
    private static final int[][] TEXT_FIELDS = {{0, DealFacts.FESTIVAL}, {1, DealFacts.DEAL}, {4, DealFacts.STATUS},
        {8, DealFacts.INDUSTRY}, {9, DealFacts.DEAL_TYPE}, {10, DealFacts.EVENT}, {11, DealFacts.ENTERPRISE},
        {12, DealFacts.PROJECT}, {13, DealFacts.COUNTERPARTY}};
    private static final int POSITION_BITS = 40;

    private final List<DealFacts.Section> sections = new ArrayList<>();
    private final KeyedRows order;
    private final KeyedRows.Cursor cursor;
    private final DecimalType amountType;
    private final DecimalType fundsType;
    private final Object[] values = new Object[DealTally.COLUMNS.length + 1];
    private final GenericInternalRow row = new GenericInternalRow(values);
    private boolean ready;

    DealFactRows(List<String> files, List<long[]> setAside, int from, int to, DecimalType amountType,
            DecimalType fundsType) {
        this.amountType = amountType;
        this.fundsType = fundsType;
        this.order = new KeyedRows(Integer.MAX_VALUE);
        for (int f = 0; f < files.size(); f++) {
            long[] skip = setAside.get(f);
            DealFacts.Section section = DealFacts.Section.read(files.get(f), from, to);
            sections.add(section);
            while (section.next()) {
                if (skip.length > 0 && Arrays.binarySearch(skip, section.record()) >= 0) {
                    continue;
                }
                order.add(section.hash(), ((long) f << POSITION_BITS) | section.position());
            }
        }
        cursor = order.sorted();
    }

    @Override
    public boolean hasNext() {
        if (!ready && cursor.next()) {
            long where = cursor.payload();
            DealFacts.Section section = sections.get((int) (where >>> POSITION_BITS));
            section.at((int) (where & ((1L << POSITION_BITS) - 1)));
            for (int[] field : TEXT_FIELDS) {
                int length = section.textLength(field[1]);
                values[field[0]] = length < 0 ? null
                        : UTF8String.fromBytes(section.bytes(), section.textOffset(field[1]), length);
            }
            values[2] = section.statusDate();
            values[3] = section.signedOn();
            values[5] = Decimal.apply(section.amountCny(), amountType.precision(), amountType.scale());
            values[6] = section.fundsCny() == null ? null
                    : Decimal.apply(section.fundsCny(), fundsType.precision(), fundsType.scale());
            values[7] = section.keyProject();
            values[DealTally.COLUMNS.length] = section.hash();
            ready = true;
        }
        return ready;
    }

    @Override
    public InternalRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = false;
        return row;
    }

    @Override
    public void close() {
        order.close();
    }
}
