package io.meterline.ingest.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.NamingConvention;
import org.junit.jupiter.api.Test;

class MeterNamesTest {

    private static String converted(String micrometerName) {
        return MeterNames.metricName(NamingConvention.snakeCase.name(micrometerName, Meter.Type.TIMER));
    }

    @Test
    void dottedMicrometerNamesBecomeSnakeCase() {
        assertThat(converted("http.server.requests")).isEqualTo("http_server_requests");
        assertThat(converted("jvm.gc.pause")).isEqualTo("jvm_gc_pause");
        assertThat(converted("cache_hits")).isEqualTo("cache_hits");
    }

    @Test
    void charactersOutsideTheNameRuleBecomeUnderscores() {
        assertThat(converted("queue-size/eu")).isEqualTo("queue_size_eu");
        assertThat(MeterNames.metricName("über.größe")).isEqualTo("_ber_gr__e");
        assertThat(MeterNames.metricName("")).isEqualTo("_");
    }

    @Test
    void aLeadingDigitGetsAnUnderscoreInFront() {
        assertThat(MeterNames.metricName("5xx.count")).isEqualTo("_5xx_count");
    }

    @Test
    void namesAreCutAt128Characters() {
        String name = MeterNames.metricName("a".repeat(300));
        assertThat(name).hasSize(128).matches("[a-zA-Z_][a-zA-Z0-9_]*");
        assertThat(MeterNames.metricName("1" + "a".repeat(300))).hasSize(128).startsWith("_1");
    }

    @Test
    void labelKeysThatAreQueryParametersGetASuffixAndEmptyValuesAName() {
        assertThat(MeterNames.labelKey("step")).isEqualTo("step_");
        assertThat(MeterNames.labelKey("limit")).isEqualTo("limit_");
        assertThat(MeterNames.labelKey("http.method")).isEqualTo("http_method");
        assertThat(MeterNames.labelKey("uri")).isEqualTo("uri");
        assertThat(MeterNames.labelValue("")).isEqualTo("none");
        assertThat(MeterNames.labelValue("GET")).isEqualTo("GET");
    }
}
