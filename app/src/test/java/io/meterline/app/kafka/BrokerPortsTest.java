package io.meterline.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerPortsTest {

    @TempDir
    Path dataDir;

    @Test
    void choosesTwoDistinctPortsOnceAndReusesThem() {
        BrokerPorts first = BrokerPorts.loadOrChoose(dataDir);

        assertThat(first.broker()).isNotEqualTo(first.controller());
        assertThat(dataDir.resolve(BrokerPorts.FILE_NAME)).exists();
        assertThat(BrokerPorts.loadOrChoose(dataDir)).isEqualTo(first);
    }

    @Test
    void reportsAnUnreadablePortsFileByName() throws Exception {
        Path file = Files.writeString(dataDir.resolve(BrokerPorts.FILE_NAME), "broker.port=abc\n");

        assertThatThrownBy(() -> BrokerPorts.loadOrChoose(dataDir))
                .isInstanceOf(KafkaBrokerException.class)
                .hasMessageContaining("file=" + file);
    }

    @Test
    void clusterIdNeverStartsWithADash() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(StorageFormatter.newClusterId()).doesNotStartWith("-");
        }
    }
}
