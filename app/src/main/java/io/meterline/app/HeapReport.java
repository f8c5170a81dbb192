package io.meterline.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * The start-up line about the JVM's memory. Without -Xmx the JVM takes a quarter of the machine
 * as heap and its default collector grows into it (1.9 GB resident after the full-size harness
 * ingest on a 24 GB machine, against 1.1 GB with README's flags; bench/RESULTS.md, session 10), so a
 * run started without them says so.
 */
record HeapReport(long maxHeapBytes, String collector, boolean heapChosen) {

    private static final long MB = 1024 * 1024;
    /** Above this, an unchosen heap is worth a word: Meterline's full-size ingest holds ~150 MB live. */
    private static final long ROOMY = 1024 * MB;

    static HeapReport ofThisJvm() {
        List<String> names = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList();
        boolean chosen = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(HeapReport::choosesTheHeap);
        return new HeapReport(maxHeapSize(), collector(names), chosen);
    }

    /** -Xmx as given (Runtime.maxMemory leaves out a survivor space: 455 MB for -Xmx512m with the parallel collector). */
    private static long maxHeapSize() {
        try {
            return Long.parseLong(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .getVMOption("MaxHeapSize").getValue());
        } catch (RuntimeException | LinkageError e) {
            return Runtime.getRuntime().maxMemory(); // not a HotSpot JVM, or a runtime without jdk.management
        }
    }

    static boolean choosesTheHeap(String jvmArgument) {
        return jvmArgument.startsWith("-Xmx") || jvmArgument.startsWith("-XX:MaxHeapSize=")
                || jvmArgument.startsWith("-XX:MaxRAMPercentage=") || jvmArgument.startsWith("-XX:MaxRAM=");
    }

    /** The collector's common name, from the names its MXBeans go by. */
    static String collector(List<String> beanNames) {
        String first = beanNames.isEmpty() ? "" : beanNames.get(0);
        if (first.startsWith("PS ")) {
            return "parallel";
        } else if (first.startsWith("G1 ")) {
            return "G1";
        } else if (first.equals("Copy") || first.equals("MarkSweepCompact")) {
            return "serial";
        } else if (first.startsWith("ZGC")) {
            return "ZGC";
        } else if (first.startsWith("Shenandoah")) {
            return "Shenandoah";
        }
        return String.join(" + ", beanNames);
    }

    String line() {
        String heap = String.format("Java heap up to %,d MB, %s collector", maxHeapBytes / MB, collector);
        if (heapChosen || maxHeapBytes <= ROOMY) {
            return heap + ".";
        }
        return heap + " (the JVM's default: a quarter of the memory). Meterline needs far less, and a heap"
                + " this large mostly grows the process: README's run command gives -Xmx512m -XX:+UseParallelGC.";
    }
}
