package io.meterline.storage;

/** Runs read queries from any thread: against the embedded engine, or a QuestDB server over PGWire. */
interface Queries extends AutoCloseable {

    /**
     * Runs {@code sql} (placeholders {@code $1, $2, …}, each once and in order) and hands the rows
     * to {@code reader} while the answer is open; it is closed when the reader returns or throws.
     */
    <T> T query(String sql, Binds binds, Rows.Reader<T> reader);

    @Override
    void close();
}
