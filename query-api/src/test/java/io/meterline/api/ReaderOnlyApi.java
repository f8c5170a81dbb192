package io.meterline.api;

import io.meterline.core.ComponentHealth;
import io.meterline.core.Ingestion;
import io.meterline.core.Limits;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricRegistry;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import io.meterline.core.storage.MetricReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The HTTP API on a real socket over a stand-in reader, with no Kafka behind it: for tests of answers that only read. */
final class ReaderOnlyApi {

    private ReaderOnlyApi() {
    }

    static HttpApi start(MetricRegistry registry, MetricReader reader) {
        Ingestion unused = new Ingestion() {
            @Override
            public void define(MetricDefinition definition) {
                throw new UnsupportedOperationException();
            }

            @Override
            public String publish(List<Point> points) {
                throw new UnsupportedOperationException();
            }
        };
        return new HttpApi(new HttpApi.Dependencies(registry, unused, reader,
                new PointParser(Limits.DEFAULTS, Clock.systemUTC()), Clock.systemUTC(), new SimpleMeterRegistry(),
                () -> "", () -> List.of(ComponentHealth.up("storage"))),
                new HttpApi.Settings("127.0.0.1", 0, 1024 * 1024, Map.of("raw", "30d", "1m", "90d", "1h", "1825d"))).start();
    }
}
