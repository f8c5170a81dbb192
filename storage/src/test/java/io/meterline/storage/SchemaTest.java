package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchemaTest {

    @Test
    void theHourlyTtlKeepsAtLeastTheConfiguredRetentionSinceThatLongIsAccepted() {
        StorageSettings settings = new StorageSettings(Duration.ofDays(30), Duration.ofDays(40), Duration.ofDays(45));
        assertThat(Schema.retentionStatements(settings))
                .contains("ALTER TABLE gauge_1h SET TTL 2 MONTHS", "ALTER TABLE gauge_old SET TTL 2 MONTHS")
                .contains("ALTER TABLE gauge_raw SET TTL 30 DAYS", "ALTER TABLE gauge_1m SET TTL 40 DAYS");
        assertThat(Schema.retentionStatements(StorageSettings.DEFAULTS)).contains("ALTER TABLE histogram_1h SET TTL 61 MONTHS");
        assertThat(Schema.retentionStatements(new StorageSettings(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(60))))
                .contains("ALTER TABLE enum_1h SET TTL 2 MONTHS");
    }
}
