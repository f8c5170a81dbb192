package io.meterline.app.kafka;

import java.nio.file.Path;
import java.time.Duration;

/** A failure of the embedded broker; made by named factories so messages read {@code what [key=value]}. */
public final class KafkaBrokerException extends RuntimeException {

    private KafkaBrokerException(String message, Throwable cause) {
        super(message, cause);
    }

    static KafkaBrokerException portTaken(String role, int port, Path portsFile) {
        String advice = role.equals("controller")
                ? "the KRaft metadata names this port, so Meterline must get it back: free it (deleting the data folder"
                        + " would also start a new broker, but every point still in Kafka would be lost)"
                : "free it, or delete the file to choose new ports on the next start";
        return new KafkaBrokerException("Kafka " + role + " port is in use (by another process, or by a broker"
                + " already running on this folder); " + advice + " [port=" + port + ", file=" + portsFile + "]", null);
    }

    static KafkaBrokerException badPortsFile(Path portsFile, Throwable cause) {
        return new KafkaBrokerException("cannot read or write the Kafka ports file [file=" + portsFile + "]", cause);
    }

    static KafkaBrokerException formatFailed(Path configFile, int exitCode, String output) {
        return new KafkaBrokerException("cannot format the Kafka storage [config=" + configFile
                + ", exitCode=" + exitCode + ", output=" + output.strip() + "]", null);
    }

    static KafkaBrokerException startFailed(Path dataDir, Throwable cause) {
        return new KafkaBrokerException("cannot start the embedded Kafka broker [dataDir=" + dataDir + "]", cause);
    }

    static KafkaBrokerException notReady(String bootstrapServers, Duration timeout, Throwable cause) {
        return new KafkaBrokerException("embedded Kafka broker did not answer in time [bootstrap="
                + bootstrapServers + ", timeout=" + timeout + "]", cause);
    }

    static KafkaBrokerException exitRequested(String kind, int status, String message) {
        return new KafkaBrokerException("Kafka asked to " + kind + " the JVM; refused [status=" + status
                + ", message=" + message + "]", null);
    }
}
