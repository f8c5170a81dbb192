package io.meterline.ingest.client;

import io.meterline.core.InvalidInputException;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.NamingConvention;
import io.micrometer.core.instrument.cumulative.CumulativeCounter;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionCounter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.step.StepMeterRegistry;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Micrometer registry that pushes every step onto Meterline's points topic through a
 * {@link MeterlineProducer}. Gauges (and time gauges) become gauges; counters (and function
 * counters) gauges of their cumulative count, so a restart shows as a drop rather than a gap;
 * timers and distribution summaries histograms of the step's observations, one point per push
 * interval with per-bucket counts (deltas, which add up correctly over any range) and the sum.
 * An interval without observations writes no histogram point. Long task timers, function timers
 * and custom meters are not published.
 *
 * <p>Each name is defined once, on its first push: the type above, label keys = the meter's tag
 * keys. A meter whose name already exists with another type or other tag keys is skipped with a
 * warning (once).
 */
public final class MeterlineMeterRegistry extends StepMeterRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MeterlineMeterRegistry.class);

    private final MeterlineConfig config;
    private final MeterlineProducer producer;
    private final boolean ownsProducer;
    /** Name → whether it may be published (false after a conflicting definition). */
    private final Map<String, Boolean> defined = new ConcurrentHashMap<>();

    /** Connects to {@link MeterlineConfig#bootstrapServers()} with these extra Kafka properties (SASL, TLS…). */
    public MeterlineMeterRegistry(MeterlineConfig config, Clock clock, Properties kafkaProperties) {
        this(config, clock, new MeterlineProducer(withBootstrap(config, kafkaProperties), ProducerSettings.defaults()
                .withTopics(config.pointsTopic(), config.registryTopic())), true);
    }

    /** Publishes through a producer the caller owns (and closes). */
    public MeterlineMeterRegistry(MeterlineConfig config, Clock clock, MeterlineProducer producer) {
        this(config, clock, producer, false);
    }

    private MeterlineMeterRegistry(MeterlineConfig config, Clock clock, MeterlineProducer producer, boolean owns) {
        super(config, clock);
        config.requireValid();
        this.config = config;
        this.producer = producer;
        this.ownsProducer = owns;
        config().namingConvention(NamingConvention.snakeCase);
        if (config.enabled()) {
            start(new NamedThreadFactory("meterline-metrics-publisher"));
        }
    }

    private static Properties withBootstrap(MeterlineConfig config, Properties kafkaProperties) {
        Properties props = new Properties();
        props.putAll(kafkaProperties);
        props.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        return props;
    }

    @Override
    protected TimeUnit getBaseTimeUnit() {
        return TimeUnit.SECONDS;
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        return new CumulativeCounter(id);
    }

    @Override
    protected <T> FunctionCounter newFunctionCounter(Meter.Id id, T obj, ToDoubleFunction<T> countFunction) {
        return new CumulativeFunctionCounter<>(id, obj, countFunction);
    }

    @Override
    protected Timer newTimer(Meter.Id id, DistributionStatisticConfig config, PauseDetector pauseDetector) {
        return StepHistogramMeters.timer(id, clock, config, pauseDetector, this.config.step().toMillis());
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config, double scale) {
        return StepHistogramMeters.summary(id, clock, config, scale, this.config.step().toMillis());
    }

    @Override
    protected void publish() {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        for (Meter meter : getMeters()) {
            try {
                meter.use(g -> gauge(g, g.value(), now), c -> gauge(c, c.count(), now),
                        t -> histogram(t, t.takeSnapshot(), TimeUnit.SECONDS, now),
                        s -> histogram(s, s.takeSnapshot(), null, now),
                        ltt -> { }, (TimeGauge tg) -> gauge(tg, tg.value(getBaseTimeUnit()), now),
                        (FunctionCounter fc) -> gauge(fc, fc.count(), now), ft -> { }, m -> { });
            } catch (InvalidInputException e) {
                LOG.warn("skipping meter '{}': {}", meter.getId().getName(), e.getMessage());
            }
        }
        // one push is durable (acks=all) before the next begins; a failure is logged by Micrometer
        producer.flush();
    }

    private void gauge(Meter meter, double value, Instant now) {
        if (Double.isFinite(value) && isDefined(meter, MetricType.GAUGE)) {
            producer.gauge(name(meter), labels(meter), value, now);
        }
    }

    private void histogram(Meter meter, HistogramSnapshot snapshot, TimeUnit unit, Instant now) {
        if (snapshot.count() > 0 && isDefined(meter, MetricType.HISTOGRAM)) {
            double sum = unit == null ? snapshot.total() : snapshot.total(unit);
            producer.histogram(name(meter), labels(meter), HistogramPoints.perBucket(snapshot, unit),
                    Double.isFinite(sum) ? sum : null, now);
        }
    }

    private boolean isDefined(Meter meter, MetricType type) {
        String name = name(meter);
        return defined.computeIfAbsent(name, n -> define(meter, n, type));
    }

    private boolean define(Meter meter, String name, MetricType type) {
        List<String> keys = new ArrayList<>(labels(meter).keySet());
        String unit = type == MetricType.HISTOGRAM && meter instanceof Timer ? "seconds" : meter.getId().getBaseUnit();
        try {
            producer.define(new MetricDefinition(name, type, keys, Instant.ofEpochMilli(clock.wallTime()),
                    meter.getId().getDescription(), unit, null, null));
            return true;
        } catch (InvalidInputException e) {
            LOG.warn("not publishing meter '{}' as '{}': {}", meter.getId().getName(), name, e.getMessage());
            return false;
        }
    }

    String name(Meter meter) {
        return MeterNames.metricName(getConventionName(meter.getId()));
    }

    Map<String, String> labels(Meter meter) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Tag tag : getConventionTags(meter.getId())) {
            labels.put(MeterNames.labelKey(tag.getKey()), MeterNames.labelValue(tag.getValue()));
        }
        return labels;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (ownsProducer) {
                producer.close();
            }
        }
    }
}
