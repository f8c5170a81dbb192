package io.meterline.app.kafka;

import java.nio.file.Path;

/**
 * The embedded broker as a process of its own, for tests that stop and restart Kafka under a
 * running Meterline: {@code java -cp meterline.jar:test-classes io.meterline.app.kafka.StandaloneBroker <dir>}.
 * Prints {@code READY <bootstrap>} once it serves; runs until killed.
 */
public final class StandaloneBroker {

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafkaBroker broker;
        try {
            broker = EmbeddedKafkaBroker.start(Path.of(args[0]));
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(1); // Kafka's own threads would keep a failed start alive
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        System.out.println("READY " + broker.bootstrapServers());
        System.out.flush();
        Thread.currentThread().join();
    }
}
