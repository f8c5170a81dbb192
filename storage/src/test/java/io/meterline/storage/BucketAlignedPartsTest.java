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
            double firstWeight = switch (random.nextInt(3)) {
                case 0 -> 1;
                case 1 -> 0.5;
                default -> 0.1 + 0.9 * random.nextDouble();
            };
            List<TimeRange> out = BucketAlignedParts.of(new TimeRange(start, end), step, parts, minBuckets, firstWeight);

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
            int equalParts = (int) Math.max(1, Math.min(parts, buckets / minBuckets));
            if (firstWeight == 1) {
                assertThat(out.size()).isEqualTo(equalParts);
            } else {
                // as many as keep the first, shortest part at minBuckets or more (±1 for rounding)
                long fitting = (long) Math.floor(buckets * firstWeight / minBuckets - firstWeight + 1);
                int expected = (int) Math.max(1, Math.min(equalParts, fitting));
                assertThat(out.size()).isBetween(Math.max(1, expected - 1), expected);
            }
            if (out.size() > 1) { // the first part about firstWeight times a later one
                long firstBuckets = step.bucketCount(out.get(0).start(), out.get(0).end());
                for (TimeRange later : out.subList(1, out.size())) {
                    long laterBuckets = step.bucketCount(later.start(), later.end());
                    assertThat((double) firstBuckets).isBetween(firstWeight * laterBuckets - 2, firstWeight * laterBuckets + 2);
                }
            }
        }
    }

    @Test
    void aFirstPartOfHalfWeightIsAThirdOfTwo() {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        List<TimeRange> out = BucketAlignedParts.of(new TimeRange(start, start.plusSeconds(300 * 100 - 1)),
                Step.seconds(100), 2, 100, 0.5);
        assertThat(out).containsExactly(new TimeRange(start, start.plusSeconds(100 * 100).minusNanos(1)),
                new TimeRange(start.plusSeconds(100 * 100), start.plusSeconds(300 * 100 - 1)));
    }

    @Test
    void leavesAnOpenRangeWhole() {
        TimeRange open = new TimeRange(null, Instant.EPOCH);
        assertThat(BucketAlignedParts.of(open, Step.seconds(1), 4, 1)).containsExactly(open);
    }
}
