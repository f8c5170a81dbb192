package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterline.core.LabelFilter;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.TimeRange;
import io.meterline.core.storage.MetricStore;
import io.meterline.core.storage.PointWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract against a real QuestDB server (ILP/HTTP writes, PGWire reads), plus what
 * only a shared server can show: two stores (two Meterline instances) see each other's writes.
 */
class RemoteQuestDbStoreTest extends MetricStoreContract {

    @TempDir
    static Path root;
    private static QuestDbServerForTests server;
    private static RemoteQuestDbStore store;

    @BeforeAll
    static void open() throws Exception {
        server = new QuestDbServerForTests(root.resolve("server"));
        store = new RemoteQuestDbStore(QuestDbServerAddress.parse(server.address()), new StorageSettings(Duration.ofDays(30)));
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected MetricStore store() {
        return store;
    }

    @Override
    protected void awaitVisible() {
        store.awaitApplied(Duration.ofSeconds(30));
    }

    @Test
    void twoInstancesShareOneServer() {
        MetricDefinition m = metric(MetricType.GAUGE, "host");
        Point p = gauge(m, labels("host", "a"), 1, 1.5);
        try (RemoteQuestDbStore other = new RemoteQuestDbStore(QuestDbServerAddress.parse(server.address()),
                new StorageSettings(Duration.ofDays(30)))) {
            try (PointWriter writer = other.openWriter()) {
                writer.write(p);
                writer.commit();
            }
            other.awaitApplied(Duration.ofSeconds(30));
        }
        assertThat(store.reader().readRaw(m, TimeRange.ALL, LabelFilter.NONE, 10).points()).containsExactly(p);
        assertThat(store.check().up()).isTrue();
    }

    @Test
    void instancesStartingAtOnceOnAFreshServerAllMakeOrFindTheTables(@TempDir Path fresh) throws Exception {
        try (QuestDbServerForTests another = new QuestDbServerForTests(fresh)) {
            int instances = 4;
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(instances);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(instances);
            java.util.List<java.util.concurrent.Future<RemoteQuestDbStore>> stores = new java.util.ArrayList<>();
            for (int i = 0; i < instances; i++) {
                stores.add(pool.submit(() -> {
                    together.await();
                    return new RemoteQuestDbStore(QuestDbServerAddress.parse(another.address()), StorageSettings.DEFAULTS);
                }));
            }
            pool.shutdown();
            for (java.util.concurrent.Future<RemoteQuestDbStore> f : stores) {
                try (RemoteQuestDbStore started = f.get()) {
                    assertThat(started.check().up()).isTrue();
                }
            }
        }
    }

    @Test
    void aServerThatIsNotThereIsNamedInTheError() {
        assertThatThrownBy(() -> new RemoteQuestDbStore(QuestDbServerAddress.parse("http://127.0.0.1:1?pg_port=1"),
                StorageSettings.DEFAULTS)).hasMessageContaining("cannot use the QuestDB server http://127.0.0.1:1");
    }

    @Test
    void addressesAreReadAsDocumented() {
        QuestDbServerAddress a = QuestDbServerAddress.parse("http://admin:secret@db.example:9100?pg_port=5432");
        assertThat(a.ilpConfig()).isEqualTo("http::addr=db.example:9100;username=admin;password=secret;");
        assertThat(a.pgPort()).isEqualTo(5432);
        assertThat(a.toString()).doesNotContain("secret");
        assertThat(QuestDbServerAddress.parse("http://questdb").pgPort()).isEqualTo(8812);
        assertThatThrownBy(() -> QuestDbServerAddress.parse("questdb:9000")).hasMessageContaining("http://host:9000");
    }
}
