package dev.localkms.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven through Debian's ChromeDriver. Both paths are given to Selenium, so
 * Selenium Manager never looks for a driver or a browser on the network. The browser tests fail, rather
 * than skip, when either program is missing.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Window sizes of the screenshots: a laptop and a phone (CSS pixels). */
    static final Dimension LAPTOP = new Dimension(1280, 860);
    static final Dimension PHONE = new Dimension(390, 844);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path userDataDir;

    private HeadlessChromium(ChromeDriver driver, Path userDataDir) {
        this.driver = driver;
        this.userDataDir = userDataDir;
    }

    /**
     * Starts a browser with a fresh profile. {@code KMS_TEST_CHROMIUM} and {@code KMS_TEST_CHROMEDRIVER}
     * override the Debian paths {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}.
     */
    static HeadlessChromium start() throws IOException {
        Path chromium = executable("KMS_TEST_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = executable("KMS_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        Path userDataDir = Files.createTempDirectory("kms-console-chromium");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + userDataDir.toAbsolutePath(),
                "--window-size=" + LAPTOP.getWidth() + "," + LAPTOP.getHeight());
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        return new HeadlessChromium(driver, userDataDir);
    }

    private static Path executable(String variable, String debianPath) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured == null || configured.isEmpty() ? debianPath : configured);
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(("The browser tests need %s, which is missing. On Debian or Ubuntu run "
                    + "`apt-get install -y chromium chromium-driver` (.ci/run does this), or set %s to its path.")
                    .formatted(path, variable));
        }
        return path;
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Resizes the window, so that the page lays itself out for that width. */
    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /**
     * Saves a screenshot of the whole page at the window's width as {@code target/screenshots/<name>.png}.
     * The window grows to the page's height for the shot and then returns to its size.
     */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Dimension size = driver.manage().window().getSize();
        long pageHeight = (Long) driver.executeScript("return document.documentElement.scrollHeight;");
        if (pageHeight > size.getHeight()) {
            resize(new Dimension(size.getWidth(), (int) Math.min(pageHeight + 40, 4000)));
        }
        Path target = SCREENSHOTS.resolve(name + ".png");
        try {
            Path capture = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(capture, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            resize(size);
        }
        return target;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try {
                FileSystemUtils.deleteRecursively(userDataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not delete the browser profile " + userDataDir, e);
            }
        }
    }
}
