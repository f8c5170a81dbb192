package io.meterline.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends QuestDB's own log to a file instead of stdout. QuestDB reads the system property
 * {@code out} once, when its LogFactory first loads, so this must run before any io.questdb
 * class is touched. Left alone when someone (the app, an operator) already set {@code out}.
 */
final class QuestDbLogging {

    private static final String PROPERTY = "out";

    private QuestDbLogging() {
    }

    /** Errors, criticals and advisories go to {@code <root>/log/questdb.log}; INFO (one line per WAL apply) is dropped. */
    static synchronized void toFileUnder(Path root) {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        try {
            Path logDir = Files.createDirectories(root.resolve("log"));
            Path conf = Files.createDirectories(root.resolve("conf")).resolve("meterline-questdb-log.conf");
            String text = "writers=file\n"
                    + "w.file.class=io.questdb.log.LogFileWriter\n"
                    + "w.file.location=" + logDir.resolve("questdb.log").toAbsolutePath().toString().replace("\\", "/") + "\n"
                    + "w.file.level=ERROR\n";
            Files.writeString(conf, text);
            System.setProperty(PROPERTY, conf.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the QuestDB log configuration [root=" + root + ']', e);
        }
    }
}
