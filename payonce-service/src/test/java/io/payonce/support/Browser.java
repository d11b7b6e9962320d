package io.payonce.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through Debian's chromedriver (apt packages {@code chromium}
 * and {@code chromium-driver}; {@code .ci/run} installs them), on a fresh profile that is deleted
 * on {@link #close()}. Background networking, updates and sync are off, so the browser only talks
 * to the servers a test names. Use one per test: {@code try (Browser browser = Browser.open()) {...}}.
 *
 * <p>Waits poll the page (Selenium's {@link WebDriverWait}); they bound a test's time, never assert
 * a speed. {@link #screenshot(String)} writes {@code target/screenshots/<name>.png}, an artifact
 * of the build that is never committed.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Long enough for a loaded 2-core machine running other test JVMs; a wait ends as soon as its condition holds. */
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** A desktop window; {@link #phone()} narrows it to a phone's width. */
    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A new headless browser in English. */
    public static Browser open() {
        return open("en-US");
    }

    /** A new headless browser whose {@code navigator.language} (and Accept-Language) is {@code language}, e.g. "zh-CN". */
    public static Browser open(String language) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need Debian's Chromium: apt-get install -y chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("payonce-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--lang=" + language,
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    /** The Selenium driver, for anything this helper does not wrap. */
    public WebDriver driver() {
        return driver;
    }

    public Browser go(String url) {
        driver.get(url);
        return this;
    }

    public String url() {
        return driver.getCurrentUrl();
    }

    /** Narrows the window to a phone's (390 x 844 CSS pixels), for responsive layouts. */
    public Browser phone() {
        driver.manage().window().setSize(PHONE);
        return this;
    }

    public Browser desktop() {
        driver.manage().window().setSize(DESKTOP);
        return this;
    }

    /** The element once it is visible. */
    public WebElement visible(String css) {
        return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** The element once it is clickable (visible and enabled). */
    public WebElement clickable(String css) {
        return until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    public Browser click(String css) {
        clickable(css).click();
        return this;
    }

    /** Clears the field and types {@code text} into it. */
    public Browser type(String css, String text) {
        WebElement field = visible(css);
        field.clear();
        field.sendKeys(text);
        return this;
    }

    /** The visible text of the element once it is visible. */
    public String text(String css) {
        return visible(css).getText();
    }

    /** Waits until the element's text contains {@code text}, and returns the whole text. */
    public String textContaining(String css, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return text(css);
    }

    /** The elements matching now, without waiting. */
    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Whether an element matches now, without waiting. */
    public boolean present(String css) {
        return !all(css).isEmpty();
    }

    /** Waits until the condition holds (see {@link ExpectedConditions}) and returns its value. */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    /** Runs a script in the page and returns its value (Selenium's conversions). */
    public Object script(String javascript, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(javascript, args);
    }

    /** Switches to the tab or window opened last, for pages opened with {@code target=_blank}. */
    public Browser newestWindow() {
        String last = null;
        for (String handle : driver.getWindowHandles()) {
            last = handle;
        }
        driver.switchTo().window(last);
        return this;
    }

    /** Saves the page as {@code target/screenshots/<name>.png} (relative to the module) and returns the file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(taken);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A profile left in the temporary folder costs disk space only; the test's outcome stands.
        }
    }
}
