package io.meterline.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Starts Meterline: {@code java -jar app/target/meterline.jar [--flag value]...}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(AppConfig.usage());
            return;
        }
        AppConfig config;
        try {
            config = AppConfig.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(AppConfig.usage());
            System.exit(2);
            return;
        }
        quietLibraryLogs();
        // QuestDB unpacks native libraries into java.io.tmpdir; keep them in our data folder
        // so a kill -9 leaves nothing behind in /tmp.
        Path tmp;
        try {
            tmp = Files.createDirectories(config.dataDir().resolve("tmp"));
            Files.delete(Files.createTempFile(tmp, "writable", ".probe")); // an existing folder may not be ours
        } catch (IOException e) {
            System.err.println("Meterline could not start: the data folder " + config.dataDir().toAbsolutePath()
                    + " can't be written (" + e + "); give the user running Meterline write access, or pick another"
                    + " with --data-dir.");
            System.exit(1);
            return;
        }
        System.setProperty("java.io.tmpdir", tmp.toString());
        long started = System.nanoTime();
        Application app;
        try {
            app = new Application(config, Clock.systemUTC());
        } catch (Throwable e) {
            // the broker's threads would keep a half-started JVM alive: say why and leave
            e.printStackTrace();
            System.err.println("Meterline could not start: " + e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "meterline-shutdown"));
        System.out.printf("Meterline is up at http://localhost:%d in %.1f s (Kafka %s, data in %s)%n",
                app.httpPort(), (System.nanoTime() - started) / 1e9, app.bootstrapServers(), config.dataDir());
        System.out.println(HeapReport.ofThisJvm().line());
    }

    /** Kafka and Jetty log a lot at info; keep warnings. A -D on the command line still wins. */
    static void quietLibraryLogs() {
        for (String logger : new String[] {"org.apache.kafka", "kafka", "org.eclipse.jetty", "io.javalin",
                "org.apache.zookeeper", "state.change.logger"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "warn");
            }
        }
        if (System.getProperty("org.slf4j.simpleLogger.showDateTime") == null) {
            System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
            // the time of day with its offset: without a format, SimpleLogger writes milliseconds since start
            System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        }
    }
}
