package dev.taskflight.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflight.analysis.fixtures.Recordings;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in a real headless browser: Debian's {@code chromium} driven through
 * {@code chromium-driver}. CI installs both ({@code ./taskflight test}); without them the test fails,
 * unless {@code -Dtaskflight.browsers=none} (or {@code TASKFLIGHT_BROWSERS=none}) says there are none here.
 */
class ReportBrowserTest {

    static final String CHROMIUM = System.getProperty("taskflight.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("taskflight.chromedriver", "/usr/bin/chromedriver");

    private static ChromeDriver browser;
    private static Path page;

    @BeforeAll
    static void openTheReport() throws Exception {
        boolean installed = new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute();
        if (!installed) {
            String none = System.getProperty("taskflight.browsers", System.getenv("TASKFLIGHT_BROWSERS"));
            Assumptions.assumeFalse("none".equals(none), "no browser here (taskflight.browsers=none): the report's"
                    + " browser test is skipped");
            throw new AssertionError(CHROMIUM + " or " + DRIVER + " is missing: install Debian's chromium and"
                    + " chromium-driver (./taskflight test does), or run with -Dtaskflight.browsers=none");
        }
        page = ReportTest.report();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(Recordings.newDirectory(), "chromium-"),
                "--window-size=1400,1800");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).build();
        browser = new ChromeDriver(service, options);
        browser.get(page.toUri().toString());
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> "complete".equals(
                ((JavascriptExecutor) b).executeScript("return document.readyState")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePageLoadsWithoutConsoleErrors() {
        assertThat(browser.getTitle()).startsWith("Taskflight report: ");
        List<String> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .collect(Collectors.toList());
        assertThat(severe).isEmpty();
        assertThat(browser.findElement(By.id("head")).getText()).contains("CRITICAL");
    }

    @Test
    void everyPoolWithPollsHasATimelineWithPollsDrawn() {
        long poolsWithPolls = ((Number) js("var D = JSON.parse(document.getElementById('data').textContent);"
                + " return D.pools.filter(function (p) { return p.lanes && p.lanes.length; }).length;")).longValue();
        List<WebElement> canvases = browser.findElements(By.cssSelector("canvas.timeline-canvas"));
        assertThat(poolsWithPolls).isPositive();
        assertThat(canvases).hasSize((int) poolsWithPolls);
        for (WebElement canvas : canvases) {
            // polls are coloured; lanes, labels and parks are greys
            long coloured = ((Number) js("var c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width,"
                    + " c.height).data, n = 0; for (var i = 0; i < d.length; i += 4) { var mx = Math.max(d[i], d[i+1],"
                    + " d[i+2]), mn = Math.min(d[i], d[i+1], d[i+2]); if (mx - mn > 60) { n++; } } return n;",
                    canvas)).longValue();
            assertThat(coloured).as("coloured pixels on %s", canvas.getAttribute("id")).isGreaterThan(100);
        }
    }

    @Test
    void clickingTheWorstLongPollOnTheTimelineShowsItsExplanation() {
        @SuppressWarnings("unchecked")
        Map<String, Object> worst = (Map<String, Object>) js("return window.taskflightReport.worstLongPoll();");
        assertThat(worst).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> poll = (Map<String, Object>) worst.get("poll");
        String explanation = (String) poll.get("explanation");
        assertThat(explanation).isNotBlank();

        // the worst-first list jumps to it and shows it
        browser.findElement(By.cssSelector("#long-polls tr.long-poll-row")).click();
        assertThat(browser.findElement(By.id("details")).getText()).contains(explanation);

        // and a click on the poll itself, where the timeline draws it, shows it too
        js("document.getElementById('details').textContent = '';");
        long pool = ((Number) worst.get("pool")).longValue();
        WebElement canvas = browser.findElement(By.id("timeline-" + pool));
        @SuppressWarnings("unchecked")
        Map<String, Object> at = (Map<String, Object>) js("return window.taskflightReport.position(arguments[0],"
                + " arguments[1], arguments[2], arguments[3]);", pool, poll.get("worker"), poll.get("start"),
                poll.get("duration"));
        js("arguments[0].scrollIntoView({block: 'center'});", canvas);
        int dx = (int) Math.round(((Number) at.get("x")).doubleValue() - canvas.getRect().getWidth() / 2.0);
        int dy = (int) Math.round(((Number) at.get("y")).doubleValue() - canvas.getRect().getHeight() / 2.0);
        new Actions(browser).moveToElement(canvas, dx, dy).click().perform();
        String details = browser.findElement(By.id("details")).getText();
        assertThat(details).contains(explanation, "long poll", String.valueOf(poll.get("task"))
                .substring(String.valueOf(poll.get("task")).lastIndexOf('.') + 1));
    }

    @Test
    void aScreenshotIsNotBlank() throws Exception {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        Set<Integer> colours = new HashSet<>();
        long notWhite = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (rgb != 0xffffff) {
                    notWhite++;
                }
            }
        }
        assertThat(colours.size()).isGreaterThan(20);
        assertThat(notWhite).isGreaterThan(image.getWidth() * (long) image.getHeight() / 4 / 50);
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }
}
