package io.meterline.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.Test;

class ExitGuardTest {

    @Test
    void exitAndHaltAreRefusedAndRemembered() {
        try (ExitGuard guard = ExitGuard.install()) {
            assertThatThrownBy(() -> Exit.exit(1, "log dir failed"))
                    .isInstanceOf(KafkaBrokerException.class)
                    .hasMessageContaining("status=1")
                    .hasMessageContaining("log dir failed");
            assertThatThrownBy(() -> Exit.halt(2)).isInstanceOf(KafkaBrokerException.class);

            assertThat(guard.fault()).hasValueSatisfying(f -> assertThat(f).contains("exit", "status=1"));
        }
    }
}
