package io.meterline.storage;

import java.time.Duration;
import java.util.Objects;

/** How long each tier keeps points. Only the raw tier exists so far; rollup tiers join it later. */
public record StorageSettings(Duration rawRetention) {

    public static final StorageSettings DEFAULTS = new StorageSettings(Duration.ofDays(30));

    public StorageSettings {
        Objects.requireNonNull(rawRetention, "rawRetention");
        if (rawRetention.toHours() < 1) {
            throw new IllegalArgumentException("raw retention must be at least one hour [rawRetention=" + rawRetention + ']');
        }
    }

    /** QuestDB's TTL takes whole hours (or days); round down to hours, which is never longer than asked. */
    long rawRetentionHours() {
        return rawRetention.toHours();
    }
}
