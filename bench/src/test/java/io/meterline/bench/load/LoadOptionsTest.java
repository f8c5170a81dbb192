package io.meterline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    @Test
    void defaultsAreTheHarnesssFullSize() {
        LoadOptions o = LoadOptions.parse(new String[0]);
        assertThat(o.routes()).containsExactly("ndjson", "batch", "producer");
        assertThat(o.series() * (long) o.points()).isEqualTo(10_000_000L);
        assertThat(o.connections()).isEqualTo(4);
        assertThat(o.paced()).isFalse();
        assertThat(LoadOptions.parse(new String[] {"--rate", "150000"}).paced()).isTrue();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--series", "0", "--routes", "ndjson,http", "--rate",
            "-5", "--colour", "red", "--points"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--series must be a whole number from 1")
                .hasMessageContaining("unknown route http")
                .hasMessageContaining("--rate must be a whole number of at least 0, not '-5'")
                .hasMessageContaining("unknown option --colour")
                .hasMessageContaining("--points needs a value")
                .hasMessageContaining("usage: LoadGenerator");
    }
}
