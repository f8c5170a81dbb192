package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeapReportTest {

    private static final long MB = 1024 * 1024;

    @Test
    void collectorsAreNamedFromTheirBeans() {
        assertThat(HeapReport.collector(List.of("PS Scavenge", "PS MarkSweep"))).isEqualTo("parallel");
        assertThat(HeapReport.collector(List.of("G1 Young Generation", "G1 Old Generation"))).isEqualTo("G1");
        assertThat(HeapReport.collector(List.of("Copy", "MarkSweepCompact"))).isEqualTo("serial");
        assertThat(HeapReport.collector(List.of("ZGC Cycles", "ZGC Pauses"))).isEqualTo("ZGC");
        assertThat(HeapReport.collector(List.of("Epsilon A", "Epsilon B"))).isEqualTo("Epsilon A + Epsilon B");
    }

    @Test
    void onlyALargeHeapNobodyChoseGetsTheHint() {
        assertThat(new HeapReport(512 * MB, "parallel", true).line())
                .isEqualTo("Java heap up to 512 MB, parallel collector.");
        assertThat(new HeapReport(6144 * MB, "G1", true).line()).isEqualTo("Java heap up to 6,144 MB, G1 collector.");
        assertThat(new HeapReport(768 * MB, "G1", false).line()).isEqualTo("Java heap up to 768 MB, G1 collector.");
        assertThat(new HeapReport(6144 * MB, "G1", false).line())
                .startsWith("Java heap up to 6,144 MB, G1 collector (the JVM's default")
                .contains("-Xmx512m -XX:+UseParallelGC");
    }

    @Test
    void theFlagsThatChooseAHeapAreRecognised() {
        assertThat(List.of("-Xmx512m", "-XX:MaxHeapSize=1g", "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=4g"))
                .allMatch(HeapReport::choosesTheHeap);
        assertThat(List.of("-Xms512m", "-XX:+UseParallelGC", "-XX:InitialRAMPercentage=10", "-Dx=-Xmx1g"))
                .noneMatch(HeapReport::choosesTheHeap);
    }
}
