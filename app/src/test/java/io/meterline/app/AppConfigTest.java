package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void defaultsWithoutFlagsOrEnvironment() {
        AppConfig c = AppConfig.from(new String[0], Map.of());
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.kafkaBootstrapServers()).isEmpty();
        assertThat(c.maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(c.retention().asText()).containsExactly(Map.entry("raw", "30d"), Map.entry("1m", "90d"),
                Map.entry("1h", "1825d"));
        assertThat(c.demo()).isFalse();
    }

    @Test
    void flagsWinOverTheEnvironmentInBothSpellings() {
        AppConfig c = AppConfig.from(new String[] {"--port=9000", "--kafka-bootstrap-servers", "k1:9092,k2:9092",
                "--retention-raw", "36h"}, Map.of("METERLINE_PORT", "7000", "METERLINE_MAX_BODY_BYTES", "1024"));
        assertThat(c.port()).isEqualTo(9000);
        assertThat(c.maxBodyBytes()).isEqualTo(1024);
        assertThat(c.kafkaBootstrapServers()).isEqualTo(Optional.of("k1:9092,k2:9092"));
        assertThat(c.retention().raw()).isEqualTo(Duration.ofHours(36));
    }

    @Test
    void demoIsASwitch() {
        assertThat(AppConfig.from(new String[] {"--demo"}, Map.of()).demo()).isTrue();
        AppConfig c = AppConfig.from(new String[] {"--demo", "--port", "1234"}, Map.of());
        assertThat(c.demo()).isTrue();
        assertThat(c.port()).isEqualTo(1234);
        assertThat(AppConfig.from(new String[] {"--demo", "false"}, Map.of()).demo()).isFalse();
    }

    @Test
    void aKafkaClientPropertiesFileMustBeReadable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("kafka.properties"), "security.protocol=SASL_SSL\n");
        assertThat(AppConfig.from(new String[] {"--kafka-config", file.toString()}, Map.of()).kafkaConfig()).hasValue(file);
        assertThatThrownBy(() -> AppConfig.from(new String[] {"--kafka-config", dir.resolve("missing").toString()}, Map.of()))
                .hasMessageContaining("names a file that can't be read");
    }

    @Test
    void kafkaPropertiesRepeatAndComeFromTheEnvironmentOnePerLine() {
        assertThat(AppConfig.from(new String[] {"--kafka-property", "security.protocol=SASL_SSL",
                "--kafka-property=sasl.jaas.config=x required a=\"b\";"}, Map.of()).kafkaProperties())
                .containsExactly(Map.entry("security.protocol", "SASL_SSL"), Map.entry("sasl.jaas.config", "x required a=\"b\";"));
        assertThat(AppConfig.from(new String[0], Map.of("METERLINE_KAFKA_PROPERTY", "acks=all\nlinger.ms=5\n"))
                .kafkaProperties()).containsExactly(Map.entry("acks", "all"), Map.entry("linger.ms", "5"));
        assertThatThrownBy(() -> AppConfig.from(new String[] {"--kafka-property", "acks"}, Map.of()))
                .hasMessageContaining("--kafka-property takes key=value, not 'acks'");
    }

    @Test
    void aQuestDbServerIsAnHttpAddress() {
        assertThat(AppConfig.from(new String[0], Map.of()).questdb()).isEmpty();
        assertThat(AppConfig.from(new String[] {"--questdb", "http://db:9000"}, Map.of()).questdb().get().pgPort())
                .isEqualTo(8812);
        assertThatThrownBy(() -> AppConfig.from(new String[] {"--questdb", "db:9000"}, Map.of()))
                .hasMessageContaining("--questdb: not a QuestDB address");
    }

    @Test
    void corsOriginsAreOffByDefaultAndMustLookLikeOrigins() {
        assertThat(AppConfig.from(new String[0], Map.of()).corsOrigins()).isEmpty();
        assertThat(AppConfig.from(new String[0], Map.of("METERLINE_CORS_ORIGINS", "https://a.example, http://b:3000"))
                .corsOrigins()).containsExactly("https://a.example", "http://b:3000");
        assertThatThrownBy(() -> AppConfig.from(new String[] {"--cors-origins", "a.example/path"}, Map.of()))
                .hasMessageContaining("--cors-origins takes origins like");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> AppConfig.from(new String[] {"--port", "http", "--colour", "red", "--retention-1m", "3w"},
                Map.of("METERLINE_PARTITIONS", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--port must be a whole number from 0 to 65535, not 'http'")
                .hasMessageContaining("unknown flag '--colour'")
                .hasMessageContaining("--retention-1m must be a whole number of hours or days")
                .hasMessageContaining("--partitions must be a whole number from 1 to 10000, not '0'");
    }
}
