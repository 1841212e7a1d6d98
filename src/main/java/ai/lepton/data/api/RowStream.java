package ai.lepton.data.api;

import java.io.IOException;
import java.util.List;

/**
 * Streams the rows of a dataset version in order without loading them: one row at a time, values typed by column
 * (INTEGER Long, DECIMAL Double, BOOLEAN Boolean, TIMESTAMP epoch seconds as Double, CATEGORICAL and TEXT String,
 * null as null).
 */
public interface RowStream extends AutoCloseable {

    /** The version's columns, in order. */
    List<ColumnSchema> columns();

    /** Advances to the next row; false at the end. */
    boolean next() throws IOException;

    /** The current row's value in column {@code index}. */
    Object value(int index);

    @Override
    void close() throws IOException;
}
