package io.meterline.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.Point;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load generator's workload is the shared harness's, number for number. The expected values
 * were printed by CPython 3.11 from {@code ../shared/bench/peers/workload.py} (the reference this
 * mirrors), e.g. {@code Workload(series=8, points=50, start_ms=1700000000000).values()[0][49]},
 * and, for histogram points, by {@code bench/peers/meterline_peer.py}'s {@code encode()}.
 */
class PeerWorkloadTest {

    @Test
    void mersenneTwisterMatchesTheReferenceOutputForAKeyArray() {
        // mt19937ar.out, the reference implementation's published output for init_by_array({0x123, 0x234, 0x345, 0x456})
        PythonRandom rng = new PythonRandom(new int[] {0x123, 0x234, 0x345, 0x456});
        assertThat(List.of(rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()))
                .containsExactly(1067595299L, 955945823L, 477289528L, 4107218783L, 4228976476L);
    }

    @Test
    void drawsMatchCPythonsRandomForTheSameSeed() {
        PythonRandom bits = new PythonRandom(42_000_126L);
        assertThat(List.of(bits.getrandbits(32), bits.getrandbits(32), bits.getrandbits(32)))
                .containsExactly(3081879207L, 4248670129L, 3982991542L);
        PythonRandom floats = new PythonRandom(42_000_126L);
        assertThat(floats.random()).isEqualTo(0.7175559251697405);
        assertThat(floats.random()).isEqualTo(0.9273624835501593);
        PythonRandom ints = new PythonRandom(126_000_129L);
        int[] randint = new int[5];
        for (int i = 0; i < randint.length; i++) {
            randint[i] = ints.randint(80, 120);
        }
        int[] randrange = new int[5];
        for (int i = 0; i < randrange.length; i++) {
            randrange[i] = ints.randbelow(4);
        }
        assertThat(randint).containsExactly(102, 114, 98, 83, 108);
        assertThat(randrange).containsExactly(2, 3, 2, 2, 1);
        assertThat(new PythonRandom((1L << 33) + 5).getrandbits(32)).isEqualTo(3185278367L); // a two-word seed
    }

    @Test
    void pythonRoundRoundsTheExactValueHalfEven() {
        assertThat(PythonFloats.round(2.675, 2)).isEqualTo(2.67); // 2.675 is 2.67499999… in binary
        assertThat(PythonFloats.round(0.125, 2)).isEqualTo(0.12); // an exact tie goes to even
        assertThat(PythonFloats.round(0.375, 2)).isEqualTo(0.38);
        assertThat(PythonFloats.round(70.8649, 2)).isEqualTo(70.86);
    }

    @Test
    void aSmallWorkloadHasTheHarnesssValuesAndBatches() {
        PeerWorkload w = new PeerWorkload(8, 50, 10, 42, 1_700_000_000_000L, 10_000, 4);
        assertThat(List.of(w.gaugeValue(0, 0), w.gaugeValue(0, 1), w.gaugeValue(0, 49), w.gaugeValue(7, 49)))
                .containsExactly(70.86, 70.49, 70.92, 27.68);
        int[] states = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0,
            0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 2};
        for (int j = 0; j < states.length; j++) {
            assertThat(w.enumPoint(0, j).state()).isEqualTo(PeerWorkload.STATES.get(states[j]));
        }
        // meterline_peer.py's encode() of host 0, point 3: the interval's increments, per bucket
        Point.Histogram h = w.histogramPoint(0, 3);
        assertThat(h.buckets().counts().values()).containsExactly(4L, 6L, 12L, 17L, 17L, 15L, 7L, 5L, 2L, 1L, 0L, 0L);
        assertThat(h.buckets().counts().keySet()).containsExactly(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                10.0, Double.POSITIVE_INFINITY);
        assertThat(h.sum()).isEqualTo(11.411);
        assertThat(h.timestamp().toEpochMilli()).isEqualTo(1_700_000_030_000L);

        List<PeerWorkload.Batch> batches = w.batches();
        // four shard batches (8 gauges and 8 enums, interleaved over 4 shards) and one per histogram host
        assertThat(batches).hasSize(4 + 5);
        assertThat(batches.stream().mapToLong(PeerWorkload.Batch::harnessPoints).sum()).isEqualTo(w.harnessPoints());
        assertThat(batches.stream().mapToLong(b -> b.points().get().size()).sum()).isEqualTo((8 + 8 + 5) * 50L);
        assertThat(batches.get(0).shard()).isZero();
        assertThat(batches.get(batches.size() - 1).shard()).isEqualTo(3);
    }

    @Test
    void theFullSizeWorkloadHasTheHarnesssValues() {
        PeerWorkload w = new PeerWorkload(1000, 10_000, 10, 42, 1_795_810_400_000L, 10_000, 4);
        assertThat(w.gaugeValue(999, 9999)).isEqualTo(97.75);
        assertThat(w.gaugeValue(500, 1234)).isEqualTo(76.77);
        assertThat(w.enumPoint(9, 9999).state()).isEqualTo("ok");
        assertThat(w.enumPoint(0, 5000).state()).isEqualTo("degraded");
        // math.fsum over every seventh value of every gauge: the exact sum, rounded once
        BigDecimal sum = BigDecimal.ZERO;
        for (int s = 0; s < 1000; s++) {
            for (int j = 0; j < 10_000; j += 7) {
                sum = sum.add(new BigDecimal(w.gaugeValue(s, j)));
            }
        }
        assertThat(sum.doubleValue()).isEqualTo(72_260_329.52);
        assertThat(w.harnessPoints()).isEqualTo(10_800_000L);
    }
}
