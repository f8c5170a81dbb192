package io.meterline.core.storage;

import io.meterline.core.HistogramBuckets;

/** Merged buckets of many histogram points; {@code sum} null when no point carried one. */
public record HistogramTotals(HistogramBuckets buckets, long count, Double sum) {
}
