package io.meterline.app.kafka;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.utils.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka answers some faults (a failed log folder, a fatal metadata error) with {@code Exit.exit} or
 * {@code Exit.halt}, which by default end the JVM at once: the whole application would vanish with the
 * reason in a log line at best. While installed, those calls are logged as errors, remembered, and
 * thrown back to the Kafka thread instead. The procedures are JVM-wide, hence one guard per broker and
 * a reset on close.
 */
final class ExitGuard implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExitGuard.class);

    private final AtomicReference<String> fault = new AtomicReference<>();

    static ExitGuard install() {
        ExitGuard guard = new ExitGuard();
        Exit.setExitProcedure((status, message) -> guard.refuse("exit", status, message));
        Exit.setHaltProcedure((status, message) -> guard.refuse("halt", status, message));
        return guard;
    }

    /** The first exit or halt that Kafka asked for, if any: the broker is then not to be trusted. */
    Optional<String> fault() {
        return Optional.ofNullable(fault.get());
    }

    void refuse(String kind, int status, String message) {
        KafkaBrokerException refused = KafkaBrokerException.exitRequested(kind, status, message);
        fault.compareAndSet(null, refused.getMessage());
        LOG.error("Embedded Kafka broker failed; it asked to {} the JVM, which was refused. "
                + "The broker is probably unusable: restart the application", kind, refused);
        throw refused;
    }

    @Override
    public void close() {
        Exit.resetExitProcedure();
        Exit.resetHaltProcedure();
    }
}
