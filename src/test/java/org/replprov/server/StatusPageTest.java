package org.replprov.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimValue;
import org.replprov.drsr.DsTime;
import org.replprov.drsr.ReplicaFlags;
import org.replprov.drsr.RepsTo;
import org.replprov.drsr.Win32Error;
import org.replprov.engine.spi.RepsToEntry;
import org.replprov.mof.MofCompiler;
import org.replprov.provider.ObjectManager;
import org.replprov.providers.ad.RepsToProvider;
import org.replprov.providers.ad.RepsToSchema;
import org.replprov.state.InMemoryRepsToStore;
import org.replprov.testing.DfsrFixture;
import org.replprov.testing.FixtureProvider;
import org.replprov.testing.TestDaemon;
import org.replprov.testing.TestMembers;

/**
 * The status page in a real browser: Debian's chromium, headless, driven through chromedriver. The page reads the
 * fixture's connections through the JSON API, follows the event stream, and offers method buttons to operators only.
 * The browser sends the test user's Basic credentials with every request (including the event stream), as it does
 * after a person answered its login prompt.
 */
class StatusPageTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration LOAD = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ChromeDriver browser;
    private FixtureProvider fixture;
    private InMemoryRepsToStore repsTo;
    private TestDaemon daemon;

    @BeforeAll
    static void startBrowser() {
        assertThat(Files.isExecutable(CHROMIUM)).as("the status page tests need " + CHROMIUM
                + ": install Debian's package chromium").isTrue();
        assertThat(Files.isExecutable(CHROMEDRIVER)).as("the status page tests need " + CHROMEDRIVER
                + ": install Debian's package chromium-driver").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No sandbox: the tests run as root on CI, where chromium refuses its sandbox.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).build();
        browser = new ChromeDriver(service, options);
        browser.executeCdpCommand("Network.enable", Map.of());
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * A daemon serving the fixture's connections and, in root/MicrosoftActiveDirectory, ReplProv_RepsTo from
     * {@link #repsTo} through the real provider and the shipped class.
     */
    @BeforeEach
    void startDaemon() {
        fixture = FixtureProvider.dfsr();
        repsTo = InMemoryRepsToStore.create();
        CimClass repsToClass = MofCompiler.loadShippedSchema().requireClass(RepsToSchema.NAMESPACE,
                RepsToSchema.CLASS);
        ObjectManager om = ObjectManager.builder(DfsrFixture.repository().toBuilder()
                        .addClass(RepsToSchema.NAMESPACE, repsToClass).build())
                .register(DfsrFixture.NAMESPACE, DfsrFixture.CONNECTION_INFO.name(), fixture)
                .register(RepsToSchema.NAMESPACE, RepsToSchema.CLASS,
                        RepsToProvider.builder().cimClass(repsToClass).source(repsTo).build())
                .build();
        daemon = TestDaemon.start(om);
    }

    @AfterEach
    void stopDaemon() {
        daemon.close();
    }

    /** Replaces the daemon by one that serves the connections only (no repsTo namespace). */
    private void connectionsOnly() {
        daemon.close();
        daemon = TestDaemon.start(fixture.objectManager());
    }

    /** Opens the page as {@code user} and waits until its event stream is open and the connections are shown. */
    private void open(String user) {
        browser.executeCdpCommand("Network.setExtraHTTPHeaders",
                Map.of("headers", Map.of("Authorization", TestDaemon.basic(user, TestDaemon.PASSWORD))));
        browser.get(daemon.uri().toString());
        WebDriverWait wait = new WebDriverWait(browser, LOAD);
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        wait.until(d -> d.findElements(By.cssSelector("#connections tbody tr[data-connection]")).size() == 2);
    }

    private WebElement row(String guid) {
        return browser.findElement(By.cssSelector("#connections tbody tr[data-connection='" + guid + "']"));
    }

    private static String cell(WebElement row, int column) {
        return row.findElements(By.tagName("td")).get(column).getText();
    }

    /**
     * Messages the browser logged at SEVERE since the last call: script errors and Content-Security-Policy violations
     * among them. The 404s of the classes the fixture does not serve (repsTo, replicated folders, the service) are
     * expected: the page asks, and shows what it got.
     */
    private static List<String> browserErrors() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource: the server responded with a status of 404"))
                .toList();
    }

    @Test
    void servesThePageWithAStrictPolicyToAuthenticatedUsersOnly() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(daemon.uri())
                .header("Authorization", TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none'; "
                + "script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; "
                + "form-action 'none'; frame-ancestors 'none'");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("<script src=\"/ui/status.js\" defer></script>").doesNotContain("<style")
                .doesNotContain("style=").doesNotContain("http://").doesNotContain("https://");

        Map<String, String> types = Map.of("/ui/status.js", "text/javascript; charset=utf-8",
                "/ui/status.css", "text/css; charset=utf-8", "/ui/favicon.svg", "image/svg+xml");
        for (Map.Entry<String, String> t : types.entrySet()) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(daemon.uri().resolve(t.getKey()))
                    .header("Authorization", TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(t.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(t.getKey()).hasValue(t.getValue());
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }

        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(daemon.uri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).get().asString().startsWith("Basic ");
        assertThat(anonymous.body()).doesNotContain("status.js");

        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(daemon.uri().resolve("/ui/../ui/x.js"))
                .header("Authorization", TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(daemon.uri())
                .header("Authorization", TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void showsTheConnectionsInTheTableAndTheDrawing() {
        open(TestDaemon.READER);
        WebElement fs02 = row(DfsrFixture.GUID_1);
        assertThat(cell(fs02, 0)).isEqualTo("RG-Data");
        assertThat(cell(fs02, 1)).isEqualTo("FS02");
        assertThat(cell(fs02, 2)).startsWith("inbound");
        assertThat(cell(fs02, 3)).isEqualTo("In Error");
        assertThat(cell(fs02, 4)).endsWith("ago");
        assertThat(cell(fs02, 5)).isEqualTo("error 9033 (0x00002349), event 5002");
        WebElement fs03 = row(DfsrFixture.GUID_2);
        assertThat(cell(fs03, 1)).isEqualTo("FS03");
        assertThat(cell(fs03, 2)).startsWith("outbound");
        assertThat(cell(fs03, 3)).isEqualTo("Online");
        assertThat(cell(fs03, 5)).isEmpty();
        assertThat(browser.findElement(By.id("member")).getText())
                .startsWith("Member FS01 · replication group RG-Data");
        // A daemon built on an object manager alone runs no engine; /healthz says so and the page with it.
        new WebDriverWait(browser, Duration.ofSeconds(5)).until(d -> d.findElement(By.id("engines")).getText()
                .equals("Engines: none reported"));

        // One arrow per connection, coloured by state; the inbound one points at the local member.
        WebElement in = browser.findElement(By.cssSelector("#drawing line[data-connection='" + DfsrFixture.GUID_1
                + "']"));
        assertThat(in.getAttribute("class")).isEqualTo("edge state-3");
        assertThat(in.getAttribute("marker-end")).isEqualTo("url(#arrow-3)");
        assertThat(browser.findElement(By.cssSelector("#drawing line[data-connection='" + DfsrFixture.GUID_2
                + "']")).getAttribute("class")).isEqualTo("edge state-1");
        assertThat(Double.parseDouble(in.getAttribute("y2"))).as("FS02 is drawn above the member; its arrow points "
                + "down at it").isGreaterThan(Double.parseDouble(in.getAttribute("y1")));
        assertThat(browser.findElement(By.cssSelector("#drawing line[data-connection='" + DfsrFixture.GUID_1
                + "']")).getCssValue("stroke")).isEqualTo("rgb(198, 40, 40)");

        assertThat(browser.findElement(By.cssSelector("#repsto tbody")).getText()).isEqualTo("No partners to notify.");
        assertThat(browser.findElement(By.id("folders-section")).isDisplayed()).isFalse();
        assertThat(browserErrors()).as("script errors or policy violations").isEmpty();
    }

    @Test
    void aStateChangeShowsWithinTwoSecondsWithoutReload() {
        open(TestDaemon.READER);
        assertThat(fixture.subscribed()).isTrue();
        browser.executeScript("window.notReloaded = true;");
        assertThat(cell(row(DfsrFixture.GUID_2), 3)).isEqualTo("Online");

        long changed = System.nanoTime();
        fixture.put(DfsrFixture.connection(DfsrFixture.GUID_2, "{77777777-8888-9999-AAAA-BBBBBBBBBBBB}", "FS03", false,
                3, "20240115103500.000000+000", 7, "20240115103500.000000+000", "20240115113500.000000+000", 1722,
                0));
        // Rows are redrawn on every event: a row found before may be gone by the time it is read.
        new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> cell(row(DfsrFixture.GUID_2), 3).equals("In Error"));
        long shownMs = (System.nanoTime() - changed) / 1_000_000;
        assertThat(shownMs).isLessThan(2000);
        assertThat(cell(row(DfsrFixture.GUID_2), 5)).isEqualTo("error 1722 (0x000006BA)");
        assertThat(browser.findElement(By.cssSelector("#drawing line[data-connection='" + DfsrFixture.GUID_2
                + "']")).getAttribute("class")).isEqualTo("edge state-3");
        assertThat(browser.executeScript("return window.notReloaded === true;")).isEqualTo(true);

        fixture.remove(DfsrFixture.connection1().path());
        new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(50)).until(d -> d.findElements(
                By.cssSelector("#connections tbody tr[data-connection]")).size() == 1);
    }

    @Test
    void anOperatorForcesReplicationAfterConfirming() {
        open(TestDaemon.OPERATOR);
        assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("user (reader, operator)");
        // The methods act on inbound connections only: the outbound one has no buttons.
        assertThat(row(DfsrFixture.GUID_2).findElements(By.tagName("button"))).isEmpty();

        row(DfsrFixture.GUID_1).findElement(By.cssSelector("button.force")).click();
        WebElement dialog = browser.findElement(By.id("confirm"));
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("confirm-text")).getText()).contains("FS02").contains("Mode 2");
        browser.findElement(By.id("confirm-cancel")).click();
        assertThat(dialog.isDisplayed()).isFalse();
        assertThat(fixture.callCount()).as("cancelled").isZero();

        row(DfsrFixture.GUID_1).findElement(By.cssSelector("button.force")).click();
        browser.findElement(By.id("confirm-ok")).click();
        new WebDriverWait(browser, LOAD).until(d -> fixture.callCount() == 1);
        FixtureProvider.Call call = fixture.calls().get(0);
        assertThat(call.method()).hasToString("ForceReplication");
        assertThat(call.target()).isEqualTo(DfsrFixture.connection1().path());
        assertThat(call.parameters()).containsEntry(CimName.of("Mode"), CimValue.uint32(2));
        new WebDriverWait(browser, LOAD).until(ExpectedConditions.textToBe(By.id("notice"),
                "ForceReplication on FS02: ReturnValue 0 (success)"));

        row(DfsrFixture.GUID_1).findElement(By.cssSelector("button.check")).click();
        browser.findElement(By.id("confirm-ok")).click();
        new WebDriverWait(browser, LOAD).until(d -> fixture.callCount() == 2);
        assertThat(fixture.calls().get(1).method()).hasToString("CheckConnectivity");
        assertThat(browserErrors()).as("script errors or policy violations").isEmpty();
    }

    @Test
    void showsTheRepsToListAndItsNotificationResultsLive() {
        repsTo.put(new RepsToEntry(NAMING_CONTEXT, failing(2)));
        open(TestDaemon.READER);
        WebElement row = browser.findElement(By.cssSelector("#repsto tbody tr"));
        assertThat(row.getAttribute("class")).isEqualTo("failed");
        assertThat(cell(row, 0)).isEqualTo(NAMING_CONTEXT);
        assertThat(cell(row, 1)).isEqualTo("dc2.example.com");
        assertThat(cell(row, 2)).isEqualTo("yes");
        assertThat(cell(row, 3)).isEqualTo("RPC_S_SERVER_UNAVAILABLE (1722)");
        assertThat(cell(row, 4)).isEqualTo("2");

        repsTo.put(new RepsToEntry(NAMING_CONTEXT, failing(3)));
        new WebDriverWait(browser, Duration.ofSeconds(2), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> cell(d.findElement(By.cssSelector("#repsto tbody tr")), 4).equals("3"));
        assertThat(browserErrors()).as("script errors or policy violations").isEmpty();
    }

    private static final String NAMING_CONTEXT = "DC=example,DC=com";

    /** A writable replica's partner whose last {@code failures} notifications failed with RPC_S_SERVER_UNAVAILABLE. */
    private static RepsTo failing(int failures) {
        Instant success = Instant.now().minus(Duration.ofMinutes(20));
        return new RepsTo("dc2.example.com", UUID.fromString("5fef3270-3934-46f3-8b63-b5fc9c55f981"),
                ReplicaFlags.of(ReplicaFlags.Flag.DRS_WRIT_REP), Win32Error.RPC_S_SERVER_UNAVAILABLE, failures,
                DsTime.of(Instant.now().minusSeconds(30)), DsTime.of(success));
    }

    @Test
    void aDaemonWithoutRepsToSaysSo() {
        connectionsOnly();
        open(TestDaemon.READER);
        assertThat(browser.findElement(By.cssSelector("#repsto tbody")).getText())
                .startsWith("Not served by this daemon: WBEM_E_INVALID_NAMESPACE");
        assertThat(browserErrors()).as("script errors or policy violations").isEmpty();
    }

    @Test
    void aReaderHasNoMethodButtons() {
        open(TestDaemon.READER);
        assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("reader (reader)");
        assertThat(browser.findElements(By.cssSelector("#connections button"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#connections th.operator-only")).isDisplayed()).isFalse();
    }

    /** A CIM datetime (DSP0004 5.2.4) {@code ago} before now, in UTC. */
    private static String ago(Duration ago) {
        return DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC)
                .format(Instant.now().minus(ago)) + ".000000+000";
    }

    private static CimInstance connection(String guid, String partner, boolean inbound, long state,
                                          String lastSuccess, long error, long event) {
        return DfsrFixture.connection(guid, "{" + guid.substring(1, 9) + "-7777-8888-9999-AAAAAAAAAAAA}", partner,
                inbound, state, ago(Duration.ofSeconds(20)), 3, lastSuccess, ago(Duration.ofSeconds(-40)), error,
                event);
    }

    /** The picture the README shows: a few partners, in every state, one of them both ways. */
    @Test
    void screenshot() throws Exception {
        fixture.clear();
        fixture.put(connection(DfsrFixture.GUID_1, "FS02", true, 3, ago(Duration.ofMinutes(47)), 9033, 5002));
        fixture.put(connection(DfsrFixture.GUID_2, "FS03", false, 1, ago(Duration.ofSeconds(12)), 0, 0));
        fixture.put(connection("{0A0B0C0D-1111-2222-3333-444455556667}", "FS02", false, 1,
                ago(Duration.ofSeconds(31)), 0, 0));
        fixture.put(connection("{1A0B0C0D-1111-2222-3333-444455556668}", "BRANCH-A", true, 0,
                "99990101000000.000000+000", 0, 0));
        fixture.put(connection("{2A0B0C0D-1111-2222-3333-444455556669}", "BRANCH-B", true, 2,
                ago(Duration.ofHours(26)), 0, 0));
        repsTo.put(new RepsToEntry(NAMING_CONTEXT, failing(2)));
        repsTo.put(new RepsToEntry(NAMING_CONTEXT, new RepsTo("branch-a.example.com",
                UUID.fromString("66c418b3-0000-4000-8000-000000000002"),
                ReplicaFlags.of(ReplicaFlags.Flag.DRS_WRIT_REP),
                Win32Error.ERROR_SUCCESS, 0, DsTime.of(Instant.now().minusSeconds(75)),
                DsTime.of(Instant.now().minusSeconds(75)))));
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                TestDaemon.basic(TestDaemon.OPERATOR, TestDaemon.PASSWORD))));
        browser.get(daemon.uri().toString());
        new WebDriverWait(browser, LOAD).until(d -> d.findElements(
                By.cssSelector("#connections tbody tr[data-connection]")).size() == 5);
        assertThat(browser.findElements(By.cssSelector("#drawing line"))).hasSize(5);
        browser.manage().window().setSize(new Dimension(1100, 1130));
        Path png = Path.of("target", "status-page.png");
        Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
        assertThat(Files.size(png)).isBetween(10_000L, 200_000L);
    }

    /**
     * A real member (the embedded engine mirroring from a hub daemon): its replicated folder with its state, and the
     * inbound connection's backlog from the daemon's metrics, in the table and on the drawing's arrow.
     */
    @Test
    void showsTheReplicatedFoldersAndTheBacklogOfARealMember(@TempDir Path dir) throws Exception {
        try (TestMembers members = TestMembers.http(dir)) {
            TestMembers.write(members.folder("hub").resolve("a.txt"), "alpha");
            members.start("hub", Map.of());
            TestMembers.Member branch = members.start("branch1", members.inbound("hub", members.home("hub").toUri()));
            TestMembers.awaitFile(branch.folder().resolve("a.txt"), "alpha");
            browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("Authorization",
                    TestDaemon.basic(TestDaemon.READER, TestDaemon.PASSWORD))));
            browser.get(branch.uri().toString());
            WebDriverWait wait = new WebDriverWait(browser, LOAD);
            wait.until(d -> d.findElements(By.cssSelector("#folders tbody tr")).size() == 1
                    && d.findElement(By.cssSelector("#folders tbody tr")).getText().contains("Normal"));
            assertThat(browser.findElement(By.cssSelector("#folders tbody tr")).getText())
                    .contains(TestMembers.GROUP, TestMembers.FOLDER, "Normal");
            wait.until(d -> d.findElements(By.cssSelector("#connections tbody tr[data-connection] td.backlog"))
                    .stream().anyMatch(td -> td.getText().equals("0")));
            wait.until(d -> d.findElements(By.cssSelector("#drawing text.backlog")).stream()
                    .anyMatch(t -> t.getText().equals("0")));
        }
    }
}
