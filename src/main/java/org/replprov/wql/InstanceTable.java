package org.replprov.wql;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimValue;

/**
 * The instances of one class held as columns, for a {@link CompiledQuery} to scan when it has many rows to test.
 *
 * <p>Why columns: testing an instance reads the instance, its values array, the value object and, for a string, the
 * {@code String} and its bytes. Once a class has more instances than the processor's cache holds, each of those hops
 * is a cache miss, and the misses, not the comparisons, decide how long a query takes. A column holds one property of
 * every row in row order, in a primitive array where the CIM type allows (a {@code long} per integer or datetime, a
 * bit per boolean and per NULL), so a condition reads consecutive memory, and the instances themselves are touched
 * only for the rows that match.
 *
 * <p>Rows come from a {@link Source}: a list of instances ({@link #of(CimClass, List)}), or a provider's own records,
 * which it can turn into one property's value or into the whole instance on demand. The table asks for each column
 * the first time a query tests its property, and for each instance the first time a query returns its row, and keeps
 * both: a provider that holds its rows in compact records builds only the columns and instances its queries need.
 *
 * <p>A table is a snapshot: the source must not change under it. It is safe to share between threads. Two threads
 * may both build the same column or instance; one copy is kept, and a thread that sees it sees it complete. Columns are
 * published through an atomic array, since a column fills its arrays after its constructor has run. Instances are
 * published through a plain array, read once per returned row: a {@link CimInstance} keeps its state in final fields
 * whose arrays are filled before it is constructed, so the Java memory model guarantees that a thread that sees one
 * sees its values complete (its validation memo may be seen late, which only repeats the validation).
 */
public final class InstanceTable {

    /**
     * Where the rows of a table come from. Row numbers run from 0 to {@code size() - 1}; the answers for a row must
     * not change while a table uses the source.
     */
    public interface Source {

        /** The number of rows. */
        int size();

        /**
         * The value of the class property at {@code property} (the class's property index) in {@code row}: what
         * {@code instance(row).value(property)} would be, or null for NULL. Building a column asks for every row.
         */
        CimValue value(int row, int property);

        /** The instance of {@code row}, of the table's class. Asked once per row, when a query returns it. */
        CimInstance instance(int row);
    }

    private final CimClass cimClass;
    private final Source source;
    private final int size;
    private final AtomicReferenceArray<Column> columns;
    private final CimInstance[] instances;

    private InstanceTable(CimClass cimClass, Source source, CimInstance[] instances) {
        this.cimClass = Objects.requireNonNull(cimClass, "cimClass");
        this.source = Objects.requireNonNull(source, "source");
        this.size = source.size();
        this.columns = new AtomicReferenceArray<>(cimClass.properties().size());
        this.instances = instances != null ? instances : new CimInstance[size];
    }

    /**
     * The table of {@code instances}, in their order.
     *
     * @throws IllegalArgumentException when an instance is not of {@code cimClass}
     */
    public static InstanceTable of(CimClass cimClass, List<CimInstance> instances) {
        CimInstance[] rows = instances.toArray(new CimInstance[0]);
        for (CimInstance i : rows) {
            if (i.cimClass() != cimClass && !i.cimClass().equals(cimClass)) {
                throw new IllegalArgumentException("an instance of " + i.className() + " in a table of "
                        + cimClass.name());
            }
        }
        return new InstanceTable(cimClass, new Source() {
            @Override
            public int size() {
                return rows.length;
            }

            @Override
            public CimValue value(int row, int property) {
                return rows[row].value(property);
            }

            @Override
            public CimInstance instance(int row) {
                return rows[row];
            }
        }, rows);
    }

    /** The table of the rows {@code source} gives, which are built only as queries need them. */
    public static InstanceTable of(CimClass cimClass, Source source) {
        return new InstanceTable(cimClass, source, null);
    }

    /** The class of every row. */
    public CimClass cimClass() {
        return cimClass;
    }

    public int size() {
        return size;
    }

    /** The instance of {@code row}, from the source the first time it is asked for. */
    public CimInstance instance(int row) {
        CimInstance i = instances[row];
        if (i == null) {
            i = Objects.requireNonNull(source.instance(row), "the source gave no instance for a row");
            instances[row] = i;
        }
        return i;
    }

    /** The column of the class property at {@code property}, built from the source the first time. */
    Column column(int property) {
        Column c = columns.get(property);
        if (c == null) {
            CimProperty p = cimClass.properties().get(property);
            c = Column.of(p.dataType(), size, row -> {
                CimValue v = source.value(row, property);
                return v == null ? null : v.coerce(p.dataType());
            });
            if (!columns.compareAndSet(property, null, c)) {
                c = columns.get(property);
            }
        }
        return c;
    }

    /** A row set of every row (see {@link Column} for the bitmap layout). */
    long[] allRows() {
        long[] rows = new long[Column.words(size)];
        for (int w = 0; w < rows.length; w++) {
            int left = size - (w << 6);
            rows[w] = left >= 64 ? -1L : (1L << left) - 1;
        }
        return rows;
    }
}
