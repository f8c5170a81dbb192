package io.meterline.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Step;
import io.meterline.core.TimeRange;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BucketAlignedPartsTest {

    @Test
    void partsMeetAtBucketStartsAndCoverTheRange() {
        Random random = new Random(7);
        for (int round = 0; round < 10_000; round++) {
            Step step = Step.seconds(1 + random.nextInt(7_200));
            Instant start = Instant.ofEpochMilli(1_795_000_000_000L + random.nextInt(1_000_000_000));
            Instant end = start.plusMillis(random.nextInt(2_000_000_000));
            int parts = 1 + random.nextInt(5);
            long minBuckets = 1 + random.nextInt(50);
            List<TimeRange> out = BucketAlignedParts.of(new TimeRange(start, end), step, parts, minBuckets);

            assertThat(out.size()).isBetween(1, parts);
            assertThat(out.get(0).start()).isEqualTo(start);
            assertThat(out.get(out.size() - 1).end()).isEqualTo(end);
            for (int i = 1; i < out.size(); i++) {
                Instant cut = out.get(i).start();
                assertThat(step.bucketStart(cut)).as("a part starts at a bucket start").isEqualTo(cut);
                assertThat(out.get(i - 1).end()).isEqualTo(cut.minusNanos(1));
            }
            for (TimeRange part : out) {
                assertThat(out.size() == 1 || step.bucketCount(part.start(), part.end()) >= minBuckets)
                        .as("%s parts of %s", out.size(), part).isTrue();
            }
            long buckets = step.bucketCount(start, end);
            assertThat(out.size()).isEqualTo((int) Math.max(1, Math.min(parts, buckets / minBuckets)));
        }
    }

    @Test
    void leavesAnOpenRangeWhole() {
        TimeRange open = new TimeRange(null, Instant.EPOCH);
        assertThat(BucketAlignedParts.of(open, Step.seconds(1), 4, 1)).containsExactly(open);
    }
}
