package io.meterline.app.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs browser tests where Debian's chromium and chromedriver are installed; skips them elsewhere.
 * With the environment variable CI set, never skips: a CI machine without a browser fails them.
 */
public final class BrowserAvailable implements ExecutionCondition {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return ConditionEvaluationResult.enabled("chromium and chromedriver found");
        }
        if (System.getenv("CI") != null) {
            return ConditionEvaluationResult.enabled("CI is set: a missing browser must fail, not skip");
        }
        return ConditionEvaluationResult.disabled("no " + CHROMIUM + " or " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver); set CI to make this a failure");
    }
}
