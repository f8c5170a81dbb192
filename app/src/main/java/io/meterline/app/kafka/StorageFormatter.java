package io.meterline.app.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/** Formats a KRaft log folder once, as {@code kafka-storage.sh format --standalone} would. */
final class StorageFormatter {

    private StorageFormatter() {
    }

    /** Formats from {@code configFile} (see {@link #write}) unless {@code logDir} holds a cluster already.
     * @return whether the folder was formatted now (false: it already held a cluster) */
    static boolean formatIfNeeded(Path configFile, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return false;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(
                    new String[] {"format", "--standalone", "-t", newClusterId(), "-c", configFile.toString()}, out);
        } catch (Exception e) {
            throw KafkaBrokerException.formatFailed(configFile, -1, String.valueOf(e));
        }
        if (exitCode != 0) {
            throw KafkaBrokerException.formatFailed(configFile, exitCode, output.toString(StandardCharsets.UTF_8));
        }
        return true;
    }

    /** A random id; one starting with '-' would be parsed by the tool as an option. */
    static String newClusterId() {
        String id;
        do {
            id = Uuid.randomUuid().toString();
        } while (id.startsWith("-"));
        return id;
    }

    /** Kept in the data folder too, so the running configuration can be read when diagnosing. */
    static void write(Properties config, Path file) {
        try (Writer out = Files.newBufferedWriter(file)) {
            config.store(out, "Written by Meterline's embedded Kafka broker on each start; edits are overwritten");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka config [file=" + file + "]", e);
        }
    }
}
