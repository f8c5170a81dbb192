package io.meterline.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Read queries against a QuestDB server over PGWire, with the same SQL and bind values as the
 * embedded engine. Connections, each with its prepared statements, are pooled as the embedded
 * sessions are ({@link SessionPool}); answers stream in pages (a cursor), so an export does not buffer.
 */
final class PgWireQueries implements Queries {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\d+");
    private static final int FETCH_SIZE = 10_000;
    private static final int MAX_STATEMENTS = 64;

    private final String url;
    private final Properties login;
    private final SessionPool<PooledConnection> connections = new SessionPool<>(PooledConnection::new);
    private volatile boolean closed;

    PgWireQueries(String host, int port, String user, String password) {
        this.url = "jdbc:postgresql://" + host + ':' + port + "/qdb";
        this.login = new Properties();
        login.setProperty("user", user);
        login.setProperty("password", password);
        login.setProperty("sslmode", "disable");
        login.setProperty("connectTimeout", "10");
        login.setProperty("ApplicationName", "meterline");
    }

    @Override
    public <T> T query(String sql, Binds binds, Rows.Reader<T> reader) {
        if (closed) {
            throw new IllegalStateException("the metric store is closed");
        }
        return connections.use(c -> c.query(sql, binds, reader));
    }

    /**
     * Runs statements with no answer (DDL) in order, on one connection. Several instances starting
     * at once may race on the same CREATE: a failed statement is tried once more.
     */
    void executeEach(java.util.List<String> statements) {
        String current = null;
        try (Connection c = connect(); var statement = c.createStatement()) {
            for (String sql : statements) {
                current = sql;
                try {
                    statement.execute(sql);
                } catch (SQLException raced) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("QuestDB statement failed [sql=" + current + ", error=" + e.getMessage() + ']', e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, login);
    }

    @Override
    public void close() {
        closed = true;
        connections.closeAll(PooledConnection::close);
    }

    /** A connection and its prepared statements (LRU-bounded, like the embedded factories). */
    private final class PooledConnection {

        private Connection connection;
        private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                if (size() > MAX_STATEMENTS) {
                    quietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };

        synchronized <T> T query(String sql, Binds binds, Rows.Reader<T> reader) {
            try {
                PreparedStatement statement = statement(sql);
                binds.applyTo(statement);
                try (ResultSet answer = statement.executeQuery()) {
                    T result = reader.read(new ResultSetRows(answer));
                    connection.commit(); // ends the read transaction that holds the cursor
                    return result;
                }
            } catch (SQLException e) {
                // a broken connection (the server restarted) is dropped; the next query opens a new one
                close();
                throw new IllegalStateException("storage query failed [sql=" + sql + ", error=" + e.getMessage() + ']', e);
            } catch (RuntimeException e) {
                rollbackQuietly();
                throw e;
            }
        }

        private PreparedStatement statement(String sql) throws SQLException {
            if (connection == null) {
                connection = connect();
                connection.setAutoCommit(false); // a fetch size only pages the answer inside a transaction
            }
            PreparedStatement statement = statements.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(PLACEHOLDER.matcher(sql).replaceAll("?"));
                statement.setFetchSize(FETCH_SIZE);
                statements.put(sql, statement);
            }
            return statement;
        }

        private void rollbackQuietly() {
            try {
                if (connection != null) {
                    connection.rollback();
                }
            } catch (SQLException e) {
                close();
            }
        }

        synchronized void close() {
            statements.values().forEach(PgWireQueries::quietly);
            statements.clear();
            if (connection != null) {
                quietly(connection);
                connection = null;
            }
        }
    }

    private static void quietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing what is already broken
        }
    }

    /** A result set as {@link Rows}: SQL nulls become QuestDB's null markers, so the reading code sees one kind. */
    private static final class ResultSetRows implements Rows {

        private final ResultSet answer;
        private final Map<String, Integer> symbolIndexes = new HashMap<>();

        ResultSetRows(ResultSet answer) {
            this.answer = answer;
        }

        @Override
        public boolean next() {
            try {
                return answer.next();
            } catch (SQLException e) {
                throw new IllegalStateException("reading a QuestDB answer failed: " + e.getMessage(), e);
            }
        }

        @Override
        public long micros(int column) {
            try {
                LocalDateTime t = answer.getObject(column + 1, LocalDateTime.class);
                return t == null ? Long.MIN_VALUE
                        : t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
            } catch (SQLException e) {
                throw new IllegalStateException("reading a QuestDB answer failed: " + e.getMessage(), e);
            }
        }

        @Override
        public String symbol(int column) {
            return varchar(column);
        }

        @Override
        public int symbolIndex(int column) {
            return symbolIndexes.computeIfAbsent(varchar(column), s -> symbolIndexes.size());
        }

        @Override
        public String varchar(int column) {
            try {
                return answer.getString(column + 1);
            } catch (SQLException e) {
                throw new IllegalStateException("reading a QuestDB answer failed: " + e.getMessage(), e);
            }
        }

        @Override
        public double number(int column) {
            try {
                double v = answer.getDouble(column + 1);
                return answer.wasNull() ? Double.NaN : v;
            } catch (SQLException e) {
                throw new IllegalStateException("reading a QuestDB answer failed: " + e.getMessage(), e);
            }
        }

        @Override
        public long integer(int column) {
            try {
                long v = answer.getLong(column + 1);
                return answer.wasNull() ? Long.MIN_VALUE : v;
            } catch (SQLException e) {
                throw new IllegalStateException("reading a QuestDB answer failed: " + e.getMessage(), e);
            }
        }
    }
}
