package io.meterline.storage;

import java.time.Duration;
import java.util.Objects;

/** How long each tier keeps points: raw points, 1-minute rollups, 1-hour rollups. */
public record StorageSettings(Duration rawRetention, Duration minuteRetention, Duration hourRetention) {

    public static final StorageSettings DEFAULTS =
            new StorageSettings(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(5 * 365));

    public StorageSettings {
        Objects.requireNonNull(rawRetention, "rawRetention");
        Objects.requireNonNull(minuteRetention, "minuteRetention");
        Objects.requireNonNull(hourRetention, "hourRetention");
        if (rawRetention.toHours() < 1 || minuteRetention.toHours() < 1 || hourRetention.toHours() < 1) {
            throw new IllegalArgumentException("every retention must be at least one hour [raw=" + rawRetention
                    + ", 1m=" + minuteRetention + ", 1h=" + hourRetention + ']');
        }
    }

    /** Raw retention as given; rollups at their defaults. */
    public StorageSettings(Duration rawRetention) {
        this(rawRetention, DEFAULTS.minuteRetention, DEFAULTS.hourRetention);
    }

    /** QuestDB's TTL takes whole hours (or days); round down to hours, which is never longer than asked. */
    long rawRetentionHours() {
        return rawRetention.toHours();
    }

    long retentionHours(Tier tier) {
        return switch (tier) {
            case RAW -> rawRetention.toHours();
            case MINUTE -> minuteRetention.toHours();
            case HOUR -> hourRetention.toHours();
        };
    }
}
