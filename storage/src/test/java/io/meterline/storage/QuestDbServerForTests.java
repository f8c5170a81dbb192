package io.meterline.storage;

import io.questdb.ServerMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real QuestDB server in this JVM (QuestDB's own {@link ServerMain}, the same code as its
 * distribution), on free loopback ports, with its data under {@code root}.
 */
public final class QuestDbServerForTests implements AutoCloseable {

    private final ServerMain server;

    public QuestDbServerForTests(Path root) throws Exception {
        Files.createDirectories(root);
        QuestDbLogging.toFileUnder(root); // QuestDB logs to stdout otherwise, which confuses Surefire
        server = ServerMain.create(root.toAbsolutePath().toString(), Map.of(
                "QDB_HTTP_BIND_TO", "127.0.0.1:0",
                "QDB_HTTP_MIN_ENABLED", "false",
                "QDB_PG_NET_BIND_TO", "127.0.0.1:0",
                "QDB_LINE_TCP_ENABLED", "false",
                "QDB_LINE_UDP_ENABLED", "false",
                "QDB_TELEMETRY_ENABLED", "false",
                "QDB_SHARED_WORKER_COUNT", "2"));
        server.start();
        server.awaitStartup();
    }

    /** As {@code --questdb} takes it. */
    public String address() {
        return "http://127.0.0.1:" + server.getHttpServerPort() + "?pg_port=" + server.getPgWireServerPort();
    }

    @Override
    public void close() {
        server.close();
    }
}
