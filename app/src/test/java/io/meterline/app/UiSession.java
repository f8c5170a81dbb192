package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.app.browser.Browser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The real app (embedded Kafka and QuestDB) on a free port, and headless Chromium pointed at it. */
final class UiSession implements AutoCloseable {

    final Application app;
    final Http http;
    final Browser browser;

    UiSession(Path dir, String... flags) {
        String[] args = Stream.concat(Stream.of("--port", "0", "--data-dir", dir.resolve("data").toString()), Stream.of(flags))
                .toArray(String[]::new);
        app = new Application(AppConfig.from(args, Map.of()), Clock.systemUTC());
        http = new Http(app.httpPort());
        Browser started;
        try {
            Files.createDirectories(dir.resolve("downloads"));
            started = new Browser("http://127.0.0.1:" + app.httpPort(), dir.resolve("profile"), dir.resolve("downloads"),
                    UiBrowserIT.SCREENSHOTS);
        } catch (IOException e) {
            app.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        browser = started;
    }

    /** Fails on console errors (and failed requests) since the last call, but those the pattern allows. */
    void assertNoConsoleErrors(Pattern allowed) {
        List<String> errors = new ArrayList<>(browser.consoleErrors());
        if (allowed != null) {
            errors.removeIf(e -> allowed.matcher(e).find());
        }
        assertThat(errors).as("browser console errors").isEmpty();
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            app.close();
        }
    }
}
