package io.meterline.api;

import io.meterline.core.storage.Bucket;

/** A gauge bucket's value under one aggregation; the JSON and CSV answers share it. */
final class GaugeAggregates {

    private GaugeAggregates() {
    }

    static double value(Bucket.GaugeBucket g, String agg) {
        return switch (agg) {
            case "min" -> g.min();
            case "max" -> g.max();
            case "sum" -> g.sum();
            case "count" -> g.count();
            case "last" -> g.last();
            default -> g.avg();
        };
    }
}
