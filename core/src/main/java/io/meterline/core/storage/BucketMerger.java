package io.meterline.core.storage;

import io.meterline.core.Labels;
import io.meterline.core.Step;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Re-buckets finer buckets (raw points or rollup rows) into buckets of a step, grouped by some
 * label keys, and emits them oldest first, then by labels. Input must arrive in time order: a
 * bucket is emitted as soon as input passes its end, so memory holds one step's worth of groups,
 * not the whole answer.
 */
public final class BucketMerger {

    private final Step step;
    private final List<String> groupBy;
    private final Consumer<Bucket> out;
    private final TreeMap<Instant, Map<String, Bucket>> open = new TreeMap<>();
    /** Group labels per source label set: sources are shared per series, so this is computed once each. */
    private final Map<Labels, Labels> groups = new java.util.IdentityHashMap<>();

    /** {@code groupBy} null keeps every series apart; a list keeps those label keys only. */
    public BucketMerger(Step step, List<String> groupBy, Consumer<Bucket> out) {
        this.step = step;
        this.groupBy = groupBy;
        this.out = out;
    }

    /** Adds a finer bucket (its start must not be earlier than an already emitted bucket's end). */
    public void add(Bucket fine) {
        Instant start = step.bucketStart(fine.start());
        emitBefore(start);
        Labels labels = groupBy == null ? fine.labels() : groups.computeIfAbsent(fine.labels(), l -> groupLabels(l, groupBy));
        open.computeIfAbsent(start, s -> new TreeMap<>())
                .merge(labels.canonical(), fine.at(start, labels), Bucket::plus);
    }

    /** Emits everything still open. */
    public void finish() {
        emitBefore(Instant.MAX);
    }

    private void emitBefore(Instant start) {
        while (!open.isEmpty() && open.firstKey().isBefore(start)) {
            open.pollFirstEntry().getValue().values().forEach(out);
        }
    }

    /** The labels of the group a series falls in: only the {@code groupBy} keys it has. */
    public static Labels groupLabels(Labels labels, List<String> groupBy) {
        Map<String, String> kept = new TreeMap<>();
        for (String key : groupBy) {
            String value = labels.get(key);
            if (value != null) {
                kept.put(key, value);
            }
        }
        return new Labels(kept);
    }
}
