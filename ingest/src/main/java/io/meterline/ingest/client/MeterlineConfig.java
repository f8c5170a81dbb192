package io.meterline.ingest.client;

import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkAll;
import static io.micrometer.core.instrument.config.MeterRegistryConfigValidator.checkRequired;
import static io.micrometer.core.instrument.config.validate.PropertyValidator.getString;

import io.micrometer.core.instrument.config.validate.Validated;
import io.micrometer.core.instrument.push.PushRegistryConfig;

/**
 * Settings of {@link MeterlineMeterRegistry}, looked up by key under the prefix {@code meterline}
 * ({@code meterline.step}, {@code meterline.bootstrapServers}…) with defaults in code, as every
 * Micrometer registry does.
 */
public interface MeterlineConfig extends PushRegistryConfig {

    MeterlineConfig DEFAULT = key -> null;

    @Override
    default String prefix() {
        return "meterline";
    }

    /** The Kafka cluster Meterline reads from. */
    default String bootstrapServers() {
        return getString(this, "bootstrapServers").orElse("localhost:9092");
    }

    default String pointsTopic() {
        return getString(this, "pointsTopic").orElse(ProducerSettings.DEFAULT_POINTS_TOPIC);
    }

    default String registryTopic() {
        return getString(this, "registryTopic").orElse(ProducerSettings.DEFAULT_REGISTRY_TOPIC);
    }

    /** Every problem at once: the push settings and the Kafka names. */
    @Override
    default Validated<?> validate() {
        return checkAll(this, c -> PushRegistryConfig.validate(c),
                checkRequired("bootstrapServers", MeterlineConfig::bootstrapServers),
                checkRequired("pointsTopic", MeterlineConfig::pointsTopic),
                checkRequired("registryTopic", MeterlineConfig::registryTopic));
    }
}
