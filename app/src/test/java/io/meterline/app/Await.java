package io.meterline.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what the pipeline does asynchronously (the stream storing, rollups catching up). */
final class Await {

    private Await() {
    }

    static void until(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
