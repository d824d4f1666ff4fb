package dev.localkms.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.localkms.account.AccountService;
import dev.localkms.sdk.KmsDriver;
import dev.localkms.sdk.PopKmsDriver;
import dev.localkms.support.SeededIntegrationTest;
import com.aliyuncs.http.MethodType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives the web console in headless Chromium against the running service, following Alibaba's console
 * procedure for aliases: choose a region, create a key, open it, create and delete aliases on its Alias
 * tab, and list the region's aliases. One browser serves every test; each test signs out at its end.
 */
class ConsoleBrowserIT extends SeededIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String README_ACCOUNT_ID = "1111222233334444";
    private static final String README_ACCESS_KEY_ID = "LTAIConsoleReadmeRoot001";
    private static final String README_SECRET = "ConsoleReadmeRootSecret0000001";

    private static HeadlessChromium browser;
    private static ChromeDriver driver;

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private AccountService accounts;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = HeadlessChromium.start();
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @AfterEach
    void signOutAndRestoreWindow() {
        browser.resize(HeadlessChromium.LAPTOP);
        driver.manage().deleteAllCookies();
    }

    @Test
    void rootManagesAliasesOnAliasTab() throws Exception {
        String region = uniqueRegion();
        KmsDriver api = new PopKmsDriver(port, ROOT_ACCESS_KEY_ID, ROOT_SECRET, region, MethodType.POST);
        String firstAlias = uniqueAlias("console-first");
        String secondAlias = uniqueAlias("console-second");

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        assertThat(text("principal")).contains("root of " + ACCOUNT_ID);
        switchRegion(region);
        waitForText(By.cssSelector("#keys-table tbody"), "No keys in this region yet.");

        type("new-key-description", "console test key");
        click("create-key");
        waitForText(By.id("status"), "Created key ");
        String keyId = waitFor(By.cssSelector("#key-details dd[data-field='KeyId']")).getText();
        assertThat(text("status")).isEqualTo("Created key " + keyId + ".");
        assertThat(api.describeKey(keyId).description()).isEqualTo("console test key");
        assertThat(text("key-details")).contains("console test key").contains("Enabled");
        driver.findElement(By.id("tab-details")).sendKeys(Keys.ARROW_RIGHT);
        assertThat(driver.findElement(By.id("tab-alias")).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("tab-alias");
        waitFor(By.cssSelector("#panel-alias:not([hidden])"));
        waitUntilIdle();
        waitForText(By.cssSelector("#key-aliases-table tbody"), "This key has no aliases.");
        createAlias(firstAlias);
        createAlias(secondAlias);
        assertThat(keyAliasNames()).containsExactly(firstAlias, secondAlias);
        assertThat(api.listAliasesByKeyId(keyId, 1, 10).aliases()).extracting(KmsDriver.AliasView::aliasName)
                .containsExactly(firstAlias, secondAlias);
        saveScreenshots("alias-tab");

        String rejected = "alias/has space";
        type("alias-name", rejected);
        click("create-alias");
        waitFor(By.cssSelector("#error:not([hidden])"));
        JsonNode apiError = rpcError(region, "CreateAlias", "KeyId", keyId, "AliasName", rejected);
        assertThat(text("error")).startsWith("InvalidParameter ")
                .contains(apiError.get("Message").stringValue())
                .contains("\"alias/has space\"");
        assertThat(keyAliasNames()).containsExactly(firstAlias, secondAlias);

        click("nav-aliases");
        waitForText(By.id("aliases-caption"), "Aliases in " + region);
        waitFor(By.cssSelector("#aliases-table tr[data-alias-name='" + secondAlias + "']"));
        List<WebElement> aliasRows = driver.findElements(By.cssSelector("#aliases-table tbody tr[data-alias-name]"));
        assertThat(aliasRows).extracting(row -> row.getAttribute("data-alias-name"))
                .containsExactly(firstAlias, secondAlias);
        assertThat(aliasRows).allSatisfy(row -> assertThat(row.getText()).contains(keyId));

        driver.findElement(By.cssSelector("#aliases-table tr[data-alias-name='" + firstAlias + "'] .key-link"))
                .click();
        waitForText(By.id("key-title"), keyId);
        openAliasTab();
        waitFor(By.cssSelector("#key-aliases-table tr[data-alias-name='" + firstAlias + "']"));

        deleteButtonOf(firstAlias).click();
        WebElement dialog = waitFor(By.cssSelector("#delete-dialog[open]"));
        assertThat(dialog.getText()).contains(firstAlias).contains("will fail to encrypt");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("cancel-delete");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(driver.switchTo().activeElement().getAttribute("aria-label")).isEqualTo("Delete " + firstAlias);
        assertThat(keyAliasNames()).containsExactly(firstAlias, secondAlias);

        deleteButtonOf(firstAlias).click();
        waitFor(By.cssSelector("#delete-dialog[open]"));
        click("confirm-delete");
        waitForText(By.id("status"), "Deleted alias " + firstAlias + ".");
        waitUntilIdle();
        assertThat(keyAliasNames()).containsExactly(secondAlias);
        assertThat(api.listAliases(1, 10).aliases()).extracting(KmsDriver.AliasView::aliasName)
                .containsExactly(secondAlias);

        click("nav-keys");
        waitUntilIdle();
        WebElement listedKey = waitFor(By.cssSelector("#keys-table tr[data-key-id='" + keyId + "']"));
        assertThat(listedKey.findElement(By.cssSelector("td.aliases")).getText()).isEqualTo(secondAlias);
        saveScreenshots("key-list");

        signOut();
    }

    @Test
    void ramUserWithoutCreateAliasSeesDenial() throws Exception {
        String aliasName = uniqueAlias("console-reader");

        signIn(KMS_READER.accessKeyId(), KMS_READER.secret());
        assertThat(text("principal")).contains(KMS_READER.name() + "@" + ACCOUNT_A);
        waitFor(By.cssSelector("#keys-table tr[data-key-id='" + KEY_ORIGINAL + "']"));
        assertThat(driver.findElement(By.cssSelector("#keys-table tr[data-key-id='" + KEY_ORIGINAL + "'] td.aliases"))
                .getText()).contains(ALIAS_SEEDED_A);

        openKey(KEY_ORIGINAL);
        openAliasTab();
        waitFor(By.cssSelector("#key-aliases-table tr[data-alias-name='" + ALIAS_SEEDED_A + "']"));
        type("alias-name", aliasName);
        click("create-alias");
        waitFor(By.cssSelector("#error:not([hidden])"));

        assertThat(text("error")).startsWith("Forbidden.NoPermission ").contains("kms:CreateAlias");
        assertThat(popAs(KMS_READER, DEFAULT_REGION).listAliasesByKeyId(KEY_ORIGINAL, 1, 100).aliases())
                .extracting(KmsDriver.AliasView::aliasName).doesNotContain(aliasName);
        assertThat(keyAliasNames()).containsExactly(ALIAS_SEEDED_A);
        browser.screenshot("ram-user-denied");

        signOut();
    }

    @Test
    void signInKeepsSecretOutOfPage() {
        driver.get(consoleUrl());
        waitFor(By.cssSelector("body[data-ready='true']"));
        type("access-key-id", ROOT_ACCESS_KEY_ID);
        type("access-key-secret", "WrongSecret-" + ROOT_SECRET);
        driver.findElement(By.id("access-key-secret")).sendKeys(Keys.ENTER);

        waitForText(By.id("error"), "InvalidAccessKeySecret");
        assertThat(driver.findElement(By.id("sign-in-view")).isDisplayed()).isTrue();
        assertThat(driver.findElement(By.id("access-key-secret")).getAttribute("value")).isEmpty();

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        assertThat(driver.getCurrentUrl()).isEqualTo(consoleUrl());
        assertThat(driver.getPageSource()).doesNotContain(ROOT_SECRET);
        assertThat((String) ((JavascriptExecutor) driver).executeScript("return document.cookie;")).isEmpty();
        Cookie session = driver.manage().getCookieNamed("kms_console_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain(ROOT_SECRET);

        driver.navigate().refresh();
        waitFor(By.cssSelector("#principal-bar:not([hidden])"));
        assertThat(text("principal")).contains("root of " + ACCOUNT_ID);
        signOut();
        driver.navigate().refresh();
        waitFor(By.cssSelector("body[data-ready='true']"));
        assertThat(driver.findElement(By.id("sign-in-view")).isDisplayed()).isTrue();
    }

    @Test
    void regionSwitchShowsOnlyLatestRegion() {
        String slowRegion = uniqueRegion();
        String latestRegion = uniqueRegion();
        KmsDriver slowApi = pop(slowRegion, MethodType.POST);
        KmsDriver latestApi = pop(latestRegion, MethodType.POST);
        slowApi.createKey("slow region key");
        slowApi.createKey("slow region key");
        String latestKey = latestApi.createKey("latest region key");

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        delayRepliesOf(slowRegion);
        // Two submits in one script turn, so the second starts before any reply of the first arrives.
        script("const field = document.getElementById('region');"
                + "const form = document.getElementById('region-form');"
                + "field.value = arguments[0]; form.requestSubmit();"
                + "field.value = arguments[1]; form.requestSubmit();", slowRegion, latestRegion);
        waitUntilIdle();

        assertThat(text("keys-caption")).isEqualTo("Keys in " + latestRegion);
        assertThat(listedKeyIds()).containsExactly(latestKey);
        assertThat(text("keys-table")).doesNotContain("Forbidden.KeyNotFound");
        assertThat(text("keys-page")).isEqualTo("Page 1 of 1 (1 in all)");
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();

        signOut();
    }

    @Test
    void nextPageTwiceStopsAtLastPage() {
        String region = uniqueRegion();
        KmsDriver api = pop(region, MethodType.POST);
        for (int i = 0; i < 21; i++) {
            api.createKey("paged key " + i);
        }

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        switchRegion(region);
        assertThat(text("keys-page")).isEqualTo("Page 1 of 2 (21 in all)");
        script("const next = document.getElementById('keys-next'); next.click(); next.click();");
        waitUntilIdle();

        assertThat(text("keys-page")).isEqualTo("Page 2 of 2 (21 in all)");
        assertThat(listedKeyIds()).hasSize(1);
        assertThat(driver.findElement(By.id("keys-next")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("keys-previous")).isEnabled()).isTrue();

        signOut();
    }

    @Test
    void createButtonsIgnoreSecondClick() {
        String region = uniqueRegion();
        KmsDriver api = pop(region, MethodType.POST);
        String aliasName = uniqueAlias("console-once");

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        switchRegion(region);
        type("new-key-description", "created once");
        script("const button = document.getElementById('create-key'); button.click(); button.click();");
        waitForText(By.id("status"), "Created key ");
        waitUntilIdle();
        assertThat(api.listKeys(1, 10).totalCount()).isEqualTo(1);
        assertThat(driver.findElement(By.id("create-key")).isEnabled()).isTrue();

        String keyId = api.listKeys(1, 10).keyIds().get(0);
        assertThat(text("key-title")).isEqualTo("Key " + keyId);
        openAliasTab();
        type("alias-name", aliasName);
        script("const button = document.getElementById('create-alias'); button.click(); button.click();");
        waitForText(By.id("status"), "Created alias " + aliasName + ".");
        waitUntilIdle();
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(api.listAliasesByKeyId(keyId, 1, 10).aliases()).extracting(KmsDriver.AliasView::aliasName)
                .containsExactly(aliasName);

        type("alias-name", aliasName);
        click("create-alias");
        waitForText(By.id("error"), "AliasAlreadyExists");
        waitUntilIdle();
        assertThat(driver.findElement(By.id("create-alias")).isEnabled()).isTrue();

        signOut();
    }

    @Test
    void aliasTabPagesManyAliases() {
        String region = uniqueRegion();
        KmsDriver api = pop(region, MethodType.POST);
        String keyId = api.createKey("key with many aliases");
        for (int i = 0; i < 25; i++) {
            api.createAlias(keyId, "alias/many-%02d".formatted(i));
        }

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        switchRegion(region);
        openKey(keyId);
        openAliasTab();

        assertThat(text("key-aliases-page")).isEqualTo("Page 1 of 2 (25 in all)");
        assertThat(keyAliasNames()).hasSize(20);
        click("key-aliases-next");
        waitForText(By.id("key-aliases-page"), "Page 2 of 2");
        waitUntilIdle();
        List<String> secondPage = keyAliasNames();
        assertThat(secondPage).hasSize(5);
        click("key-aliases-previous");
        waitForText(By.id("key-aliases-page"), "Page 1 of 2");
        waitUntilIdle();
        List<String> allListed = new ArrayList<>(keyAliasNames());
        allListed.addAll(secondPage);
        assertThat(allListed).doesNotHaveDuplicates().hasSize(25);

        signOut();
    }

    @Test
    void createdKeyOpensBeyondFirstPage() {
        String region = uniqueRegion();
        KmsDriver api = pop(region, MethodType.POST);
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            existing.add(api.createKey("existing key " + i));
        }

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        switchRegion(region);
        type("new-key-description", "twenty-first key");
        click("create-key");
        waitForText(By.id("status"), "Created key ");
        waitUntilIdle();

        List<String> created = new ArrayList<>(api.listKeys(1, 100).keyIds());
        created.removeAll(existing);
        assertThat(created).hasSize(1);
        assertThat(driver.findElement(By.id("key-view")).isDisplayed()).isTrue();
        assertThat(text("key-title")).isEqualTo("Key " + created.get(0));
        assertThat(driver.findElement(By.cssSelector("#key-details dd[data-field='Description']")).getText())
                .isEqualTo("twenty-first key");
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("key-title");

        signOut();
    }

    @Test
    void rejectedRegionKeepsPreviousRegion() {
        String region = uniqueRegion();
        String invalidRegion = "<img src=x onerror=alert(1)>";
        KmsDriver api = pop(region, MethodType.POST);
        String keyId = api.createKey("key of the previous region");

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        switchRegion(region);
        type("region", invalidRegion);
        click("switch-region");
        waitFor(By.cssSelector("#error:not([hidden])"));
        waitUntilIdle();

        assertThat(text("error")).startsWith("InvalidParameter ").contains("RegionId").contains(invalidRegion);
        assertThat(driver.findElement(By.id("region")).getAttribute("value")).isEqualTo(region);
        assertThat(text("keys-caption")).isEqualTo("Keys in " + region);
        assertThat(listedKeyIds()).containsExactly(keyId);

        type("new-key-description", "created after the rejected region");
        click("create-key");
        waitForText(By.id("status"), "Created key ");
        waitUntilIdle();
        assertThat(driver.findElement(By.id("error")).isDisplayed()).isFalse();
        assertThat(api.listKeys(1, 10).totalCount()).isEqualTo(2);

        signOut();
    }

    @Test
    void pageRequestsNoFavicon() throws Exception {
        double before = notFoundReplies();

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        driver.navigate().refresh();
        waitFor(By.cssSelector("#principal-bar:not([hidden])"));
        waitUntilIdle();

        // A favicon request would fail with InvalidAction.NotFound and be counted a moment after the page loads.
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (notFoundReplies() == before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(notFoundReplies()).isEqualTo(before);
        assertThat(driver.findElement(By.cssSelector("link[rel='icon']")).getAttribute("href")).startsWith("data:");

        signOut();
    }

    private double notFoundReplies() {
        return meters.find("kms.requests").tag("code", "InvalidAction.NotFound").timers().stream()
                .mapToDouble(Timer::count)
                .sum();
    }

    @Test
    void longValuesWrapAtBothWidths() throws Exception {
        String region = uniqueRegion();
        KmsDriver api = pop(region, MethodType.POST);
        String description = "d".repeat(3000);
        String longAlias = "alias/" + "a".repeat(200);
        String keyId = api.createKey(description);
        api.createAlias(keyId, longAlias);

        signIn(ROOT_ACCESS_KEY_ID, ROOT_SECRET);
        switchRegion(region);
        assertNoHorizontalScroll("key list");
        openKey(keyId);
        assertNoHorizontalScroll("key details");
        openAliasTab();
        String secondAlias = "alias/" + "b".repeat(200);
        createAlias(secondAlias);
        assertThat(text("status")).contains(secondAlias);
        assertNoHorizontalScroll("Alias tab with a status");
        saveScreenshots("long-values-alias-tab");
        click("nav-aliases");
        waitForText(By.id("aliases-caption"), "Aliases in " + region);
        waitUntilIdle();
        assertNoHorizontalScroll("alias list");
        click("nav-keys");
        waitUntilIdle();
        saveScreenshots("long-values-key-list");

        signOut();
    }

    /** Checks at the laptop's and the phone's width that the page is no wider than the window. */
    private void assertNoHorizontalScroll(String view) {
        for (Dimension size : List.of(HeadlessChromium.LAPTOP, HeadlessChromium.PHONE)) {
            browser.resize(size);
            long pageWidth = (Long) script("return document.documentElement.scrollWidth;");
            long windowWidth = (Long) script("return document.documentElement.clientWidth;");
            assertThat(pageWidth).as("width of the %s at %d px", view, size.getWidth()).isLessThanOrEqualTo(windowWidth);
        }
        browser.resize(HeadlessChromium.LAPTOP);
    }

    /**
     * Takes the README's picture of the Alias tab, target/screenshots/readme-alias-tab.png, in an account
     * of its own in cn-hangzhou, so that it shows the same aliases on every run.
     */
    @Test
    void readmeAliasTabScreenshot() throws Exception {
        accounts.ensureRootAccessKey(README_ACCOUNT_ID, README_ACCESS_KEY_ID, README_SECRET, true);

        signIn(README_ACCESS_KEY_ID, README_SECRET);
        assertThat(driver.findElement(By.id("region")).getAttribute("value")).isEqualTo("cn-hangzhou");
        type("new-key-description", "Orders and billing data");
        click("create-key");
        waitForText(By.id("status"), "Created key ");
        waitUntilIdle();
        openAliasTab();

        // Tabbing into the field keeps its "alias/" prefix, so typing adds the rest of the name.
        script("document.getElementById('panel-alias').focus();");
        new Actions(driver).sendKeys(Keys.TAB).perform();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("alias-name");
        waitForCaretAtEnd("alias-name");
        new Actions(driver).sendKeys("orders-service").perform();
        assertThat(driver.findElement(By.id("alias-name")).getAttribute("value")).isEqualTo("alias/orders-service");
        click("create-alias");
        waitForText(By.id("status"), "Created alias alias/orders-service.");
        waitUntilIdle();
        createAlias("alias/billing");
        assertThat(keyAliasNames()).containsExactlyInAnyOrder("alias/orders-service", "alias/billing");
        assertThat(driver.findElement(By.id("nav-keys")).getAttribute("aria-current")).isEqualTo("page");

        browser.screenshot("readme-alias-tab");
        signOut();
    }

    private String consoleUrl() {
        return "http://127.0.0.1:" + port + "/_kms/console";
    }

    private void signIn(String accessKeyId, String secret) {
        driver.get(consoleUrl());
        waitFor(By.cssSelector("body[data-ready='true']"));
        waitFor(By.cssSelector("#sign-in-view:not([hidden])"));
        type("access-key-id", accessKeyId);
        type("access-key-secret", secret);
        click("sign-in");
        waitFor(By.cssSelector("#principal-bar:not([hidden])"));
        assertThat(driver.findElement(By.id("access-key-secret")).getAttribute("value")).isEmpty();
        waitUntilIdle();
    }

    private void signOut() {
        click("sign-out");
        waitFor(By.cssSelector("#sign-in-view:not([hidden])"));
        waitForText(By.id("status"), "Signed out.");
    }

    private void switchRegion(String region) {
        type("region", region);
        click("switch-region");
        waitForText(By.id("keys-caption"), "Keys in " + region);
        waitUntilIdle();
    }

    private void openKey(String keyId) {
        driver.findElement(By.cssSelector("#keys-table .key-link[data-key-id='" + keyId + "']")).click();
        waitForText(By.cssSelector("#key-details dd[data-field='KeyId']"), keyId);
    }

    private void openAliasTab() {
        click("tab-alias");
        waitFor(By.cssSelector("#panel-alias:not([hidden])"));
        waitUntilIdle();
    }

    private void createAlias(String aliasName) {
        type("alias-name", aliasName);
        click("create-alias");
        waitForText(By.id("status"), "Created alias " + aliasName + ".");
        waitFor(By.cssSelector("#key-aliases-table tr[data-alias-name='" + aliasName + "']"));
        waitUntilIdle();
    }

    private WebElement deleteButtonOf(String aliasName) {
        return driver.findElement(By.cssSelector("#key-aliases-table tr[data-alias-name='" + aliasName
                + "'] .delete-alias"));
    }

    private List<String> listedKeyIds() {
        return driver.findElements(By.cssSelector("#keys-table tbody tr[data-key-id]")).stream()
                .map(row -> row.getAttribute("data-key-id"))
                .toList();
    }

    /**
     * Holds back, by 600 ms, every console API reply for calls in {@code region}, so that those replies
     * arrive after the replies of calls made later. The page's scripts call the global fetch.
     */
    private void delayRepliesOf(String region) {
        script("const slowRegion = arguments[0];"
                + "const original = window.fetch;"
                + "window.fetch = async (url, options) => {"
                + "  const reply = await original(url, options);"
                + "  const body = options && typeof options.body === 'string' ? options.body : '';"
                + "  if (new URLSearchParams(body).get('RegionId') === slowRegion) {"
                + "    await new Promise((resolve) => setTimeout(resolve, 600));"
                + "  }"
                + "  return reply;"
                + "};", region);
    }

    private Object script(String source, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(source, arguments);
    }

    private List<String> keyAliasNames() {
        return driver.findElements(By.cssSelector("#key-aliases-table tbody tr[data-alias-name]")).stream()
                .map(row -> row.getAttribute("data-alias-name"))
                .toList();
    }

    private void saveScreenshots(String name) throws IOException {
        browser.screenshot(name + "-laptop");
        browser.resize(HeadlessChromium.PHONE);
        waitUntilIdle();
        browser.screenshot(name + "-phone");
        browser.resize(HeadlessChromium.LAPTOP);
    }

    /** Calls the RPC endpoint directly, unsigned as the default root, and returns its error body. */
    private JsonNode rpcError(String region, String action, String... parameters) throws Exception {
        StringBuilder query = new StringBuilder("Action=" + action + "&RegionId=" + region);
        for (int i = 0; i < parameters.length; i += 2) {
            query.append('&').append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/?" + query)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        return JSON.readTree(response.body());
    }

    private void type(String id, String text) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private void click(String id) {
        driver.findElement(By.id(id)).click();
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private WebElement waitFor(By locator) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void waitForText(By locator, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Waits until the page has no request in flight. */
    /**
     * Waits until the field's caret sits after its whole value. The page moves the caret there in a task
     * queued on focus. A person types after that task runs, but a test that types at once may not.
     */
    private void waitForCaretAtEnd(String id) {
        new WebDriverWait(driver, WAIT).until((WebDriver ignored) -> Boolean.TRUE.equals(script(
                "const f = document.getElementById(arguments[0]);"
                        + " return f.selectionStart === f.value.length && f.selectionEnd === f.value.length;", id)));
    }

    private void waitUntilIdle() {
        new WebDriverWait(driver, WAIT).until((WebDriver ignored) -> "0".equals(
                ((JavascriptExecutor) driver).executeScript("return document.body.dataset.pending || '0';")));
    }
}
