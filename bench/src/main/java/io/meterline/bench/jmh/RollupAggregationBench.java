package io.meterline.bench.jmh;

import io.meterline.core.Point;
import io.meterline.core.Step;
import io.meterline.core.storage.Bucket;
import io.meterline.core.storage.BucketMerger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The rollup aggregator: raw points of a day of one series (8,640 at 10 s) merged into 1-minute
 * buckets, as the rollup recompute and raw-tier downsampling do after reading rows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RollupAggregationBench {

    private List<Bucket> raw;

    @Setup
    public void setUp() {
        raw = new ArrayList<>();
        for (Point p : HotPathFixtures.series(8_640)) {
            raw.add(Bucket.of(p, p.timestamp(), p.labels()));
        }
    }

    /** Days (of 8,640 points) per second; × 8,640 for points. */
    @Benchmark
    public int mergeADayIntoMinutes() {
        List<Bucket> out = new ArrayList<>(1_440);
        BucketMerger merger = new BucketMerger(Step.seconds(60), null, out::add);
        for (Bucket b : raw) {
            merger.add(b);
        }
        merger.finish();
        return out.size();
    }
}
