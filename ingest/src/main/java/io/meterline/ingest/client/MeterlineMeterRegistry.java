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
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.internal.DefaultGauge;
import io.micrometer.core.instrument.internal.DefaultLongTaskTimer;
import io.micrometer.core.instrument.internal.DefaultMeter;
import io.micrometer.core.instrument.cumulative.CumulativeFunctionTimer;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.push.PushMeterRegistry;
import java.util.function.ToLongFunction;
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
 * timers and distribution summaries histograms: one point per push with the per-bucket counts of
 * the observations since the last acknowledged push (deltas, which add up to the right
 * distribution over any range; a skipped or failed push is carried into the next) and their sum.
 * A push without new observations writes no histogram point. Long task timers, function timers
 * and custom meters are not published.
 *
 * <p>Each name is defined once, on its first push: the type above, label keys = the meter's tag
 * keys. A meter whose name already exists with another type or other tag keys is skipped with a
 * warning (once).
 */
public final class MeterlineMeterRegistry extends PushMeterRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(MeterlineMeterRegistry.class);

    private final MeterlineConfig config;
    private final MeterlineProducer producer;
    private final boolean ownsProducer;
    /** Name → whether it may be published (false after a conflicting definition). */
    private final Map<String, Boolean> defined = new ConcurrentHashMap<>();
    private final HistogramPoints histograms = new HistogramPoints();

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
    protected <T> io.micrometer.core.instrument.Gauge newGauge(Meter.Id id, T obj, ToDoubleFunction<T> valueFunction) {
        return new DefaultGauge<>(id, obj, valueFunction);
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
        return HistogramMeters.timer(id, clock, config, pauseDetector);
    }

    @Override
    protected DistributionSummary newDistributionSummary(Meter.Id id, DistributionStatisticConfig config, double scale) {
        return HistogramMeters.summary(id, clock, config, scale);
    }

    @Override
    protected LongTaskTimer newLongTaskTimer(Meter.Id id, DistributionStatisticConfig config) {
        return new DefaultLongTaskTimer(id, clock, getBaseTimeUnit(), config, false);
    }

    @Override
    protected <T> FunctionTimer newFunctionTimer(Meter.Id id, T obj, ToLongFunction<T> countFunction,
                                                 ToDoubleFunction<T> totalTimeFunction, TimeUnit unit) {
        return new CumulativeFunctionTimer<>(id, obj, countFunction, totalTimeFunction, unit, getBaseTimeUnit());
    }

    @Override
    protected Meter newMeter(Meter.Id id, Meter.Type type, Iterable<Measurement> measurements) {
        return new DefaultMeter(id, type, measurements);
    }

    @Override
    protected DistributionStatisticConfig defaultHistogramConfig() {
        return DistributionStatisticConfig.builder().expiry(config.step()).build().merge(DistributionStatisticConfig.DEFAULT);
    }

    @Override
    protected void publish() {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        for (Meter meter : getMeters()) {
            try {
                meter.use(g -> gauge(g, g.value(), now), c -> gauge(c, c.count(), now),
                        t -> histogram(t, TimeUnit.SECONDS, now), s -> histogram(s, null, now),
                        ltt -> { }, (TimeGauge tg) -> gauge(tg, tg.value(getBaseTimeUnit()), now),
                        (FunctionCounter fc) -> gauge(fc, fc.count(), now), ft -> { }, m -> { });
            } catch (InvalidInputException e) {
                LOG.warn("skipping meter '{}': {}", meter.getId().getName(), e.getMessage());
            }
        }
        // one push is durable (acks=all) before the next begins; a failure is logged by Micrometer and
        // its histogram observations go out again with the next push
        try {
            producer.flush();
            histograms.commit();
        } catch (RuntimeException e) {
            histograms.discard();
            throw e;
        }
    }

    private void gauge(Meter meter, double value, Instant now) {
        if (Double.isFinite(value) && isDefined(meter, MetricType.GAUGE)) {
            producer.gauge(name(meter), labels(meter), value, now);
        }
    }

    private void histogram(Meter meter, TimeUnit unit, Instant now) {
        HistogramSnapshot snapshot = ((io.micrometer.core.instrument.distribution.HistogramSupport) meter).takeSnapshot();
        HistogramPoints.Delta delta = histograms.delta(meter.getId(), snapshot, unit);
        if (delta.count() > 0 && isDefined(meter, MetricType.HISTOGRAM)) {
            producer.histogram(name(meter), labels(meter), delta.buckets(),
                    Double.isFinite(delta.sum()) ? delta.sum() : null, now);
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
