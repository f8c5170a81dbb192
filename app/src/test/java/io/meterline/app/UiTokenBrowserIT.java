package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.app.browser.Browser;
import io.meterline.app.browser.BrowserAvailable;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI against a Meterline started with read and write tokens: it asks for the token once,
 * keeps it in the tab's session storage (a reload does not ask again), and sends it with every call.
 */
@ExtendWith(BrowserAvailable.class)
class UiTokenBrowserIT {

    @TempDir
    Path dir;

    @Test
    void theUiAsksForTheTokenOnceAndKeepsItForTheTab() throws Exception {
        try (UiSession session = new UiSession(dir, "--read-token", "r-secret", "--write-token", "w-secret")) {
            Browser browser = session.browser;
            int port = session.app.httpPort();
            Http http = session.http;
            Http.Response created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).header("Authorization", "Bearer w-secret").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"guarded\",\"type\":\"gauge\",\"label_keys\":[]}")));
            assertThat(created.status()).isEqualTo(201);

            browser.driver().get("http://127.0.0.1:" + port + "/");
            Alert ask = new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(ExpectedConditions.alertIsPresent());
            assertThat(ask.getText()).contains("wants a token");
            ask.sendKeys("r-secret");
            ask.accept();
            new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d ->
                    browser.all("#metric-list .metric-name").stream().map(WebElement::getText).anyMatch("guarded"::equals));
            assertThat(browser.js("return sessionStorage.getItem('meterline.token')")).isEqualTo("r-secret");
            assertThat(browser.js("return localStorage.getItem('meterline.token')")).as("not kept beyond the tab").isNull();

            browser.reload(); // the token is still in the tab: no question this time
            assertThat(browser.all("#metric-list .metric-name")).extracting(WebElement::getText).contains("guarded");
            browser.screenshot("15-with-read-token");
        }
    }
}
