package io.meterline.storage;

import io.questdb.cairo.sql.BindVariableService;
import io.questdb.griffin.SqlException;
import java.util.ArrayList;
import java.util.List;

/** The values of a query's {@code $1, $2, …} placeholders, in order. User text only ever travels this way. */
final class Binds {

    private final List<Object> values = new ArrayList<>();

    Binds str(String value) {
        values.add(value);
        return this;
    }

    Binds timestamp(long micros) {
        values.add(new Micros(micros));
        return this;
    }

    Binds strs(List<String> more) {
        values.addAll(more);
        return this;
    }

    /** Sets every value, same order and types each time, so a factory compiled once keeps matching. */
    void applyTo(BindVariableService service) throws SqlException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof Micros) {
                service.setTimestamp(i, ((Micros) v).value);
            } else {
                service.setStr(i, (String) v);
            }
        }
    }

    /** The same values for a PGWire statement ({@code ?} placeholders, 1-based); timestamps as UTC date-times. */
    void applyTo(java.sql.PreparedStatement statement) throws java.sql.SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof Micros m) {
                statement.setObject(i + 1, java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(m.value, 1_000_000L),
                        (int) Math.floorMod(m.value, 1_000_000L) * 1000, java.time.ZoneOffset.UTC));
            } else {
                statement.setString(i + 1, (String) v);
            }
        }
    }

    private record Micros(long value) {
    }
}
