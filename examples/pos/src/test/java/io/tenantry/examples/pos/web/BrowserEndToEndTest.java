package io.tenantry.examples.pos.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.pos.PosApplication;
import io.tenantry.examples.pos.account.Outbox;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The back office in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; nothing is
 * downloaded), one test per role of the demo: what each sees, what each cannot see, and a screenshot of
 * every screen under {@code target/screenshots/}. The application runs as it does for a user: demo data
 * on first start, and the app and system roles created by the migration itself (unique names here,
 * because roles are cluster-wide).
 */
@TenantryPostgres
class BrowserEndToEndTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");
  static final String PASSWORD = "pocoloco123";

  static ConfigurableApplicationContext app;
  static String appRole;
  static String systemRole;
  static TestDatabase db;
  static int port;

  WebDriver browser;
  WebDriverWait wait;

  @BeforeAll
  static void start(TestDatabase database) throws IOException {
    db = database;
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    appRole = "pos_e2e_app_" + suffix;
    systemRole = "pos_e2e_sys_" + suffix;
    app = SpringApplication.run(PosApplication.class, "--server.port=0",
        "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.adminUser(),
        "--spring.datasource.password=" + db.adminPassword(),
        "--pos.database.app-role=" + appRole, "--pos.database.system-role=" + systemRole);
    port = ((WebServerApplicationContext) app).getWebServer().getPort();
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
    // the roles outlive the test database otherwise (they belong to the cluster)
    db.execute("drop owned by " + appRole + ", " + systemRole + "; drop role if exists " + appRole
        + "; drop role if exists " + systemRole);
  }

  @BeforeEach
  void openBrowser() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Chromium is needed for this test: apt-get install -y chromium chromium-driver")
        .isTrue();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900",
        "--user-data-dir=" + tempDir());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    wait.ignoring(StaleElementReferenceException.class); // a screen redraws its rows while a wait reads them
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void login_isStyled_andTheFaviconIsServed() throws Exception {
    browser.get(url("/"));
    assertThat(browser.findElement(By.cssSelector("label[for=email]")).getText()).isEqualTo("Email");
    assertThat(browser.findElement(By.id("login")).getCssValue("background-color")).isEqualTo("rgba(255, 255, 255, 1)");
    Object favicon = ((JavascriptExecutor) browser).executeAsyncScript(
        "const done = arguments[0]; fetch('/favicon.svg').then(r => done(r.status + ' ' + r.headers.get('content-type')));");
    assertThat(favicon.toString()).startsWith("200 image/svg");
    signIn("owner@pocoloco.example", "wrong-password");
    wait.until(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
    assertThat(text("login-error")).isEqualTo("Wrong email or password.");
    shot("login");
  }

  @Test
  void owner_seesEveryScreen_andEveryStore_butNotTheOtherCompany() {
    signInAs("owner@pocoloco.example");
    assertThat(text("company")).isEqualTo("Poco Loco Supermercado");
    assertThat(text("who")).isEqualTo("owner@pocoloco.example · Owner");
    assertThat(visibleTabs()).containsExactly("Dashboard", "Catalog", "Stores & registers", "Time clock", "Customers", "Users");
    Select switcher = switcher();
    assertThat(switcher.getOptions()).extracting(WebElement::getText).containsExactly("All stores", "Main St", "Oak Ave");

    // dashboard: today's three demo sales in Chicago, a bar per store on a currency axis
    assertThat(text("kpi-count")).isEqualTo("3 sales");
    assertThat(browser.findElements(By.cssSelector("#chart rect"))).hasSize(2);
    assertThat(browser.findElements(By.cssSelector("#chart text.tick"))).extracting(WebElement::getText)
        .contains("$0.00").allMatch(t -> t.startsWith("$"));
    assertThat(browser.findElements(By.cssSelector("#chart text.label"))).extracting(WebElement::getText)
        .containsExactly("Main St", "Oak Ave");
    assertThat(browser.findElements(By.cssSelector("#chart text.value"))).extracting(WebElement::getText)
        .allMatch(t -> t.matches("\\$\\d+\\.\\d\\d"));
    assertThat(text("period-label")).contains("America/Chicago");
    shot("owner-dashboard");
    select(switcher, "Oak Ave");
    assertThat(text("kpi-count")).isEqualTo("1 sale");
    select(switcher, "All stores");

    // catalog: base prices, then Main St's override, set and removed in place at Oak Ave
    open("catalog");
    assertThat(milkPrice()).isEqualTo("$3.99");
    assertThat(browser.findElements(By.cssSelector("#catalog tbody tr"))).extracting(e -> e.getDomAttribute("data-sku"))
        .containsExactlyInAnyOrder("MILK-1L", "BREAD-WHITE", "EGGS-12", "COFFEE-500G");
    select(switcher, "Main St");
    assertThat(milkPrice()).isEqualTo("$3.49");
    select(switcher, "Oak Ave");
    assertThat(milkPrice()).isEqualTo("$3.99");
    WebElement milk = browser.findElement(By.cssSelector("tr[data-sku='MILK-1L']"));
    milk.findElement(By.cssSelector("input.override-input")).sendKeys("3.79");
    milk.findElement(By.cssSelector("button.set-price")).click();
    wait.until(d -> "$3.79".equals(milkPrice()));
    shot("owner-catalog");
    browser.findElement(By.cssSelector("tr[data-sku='MILK-1L'] button.remove-price")).click();
    wait.until(d -> "$3.99".equals(milkPrice()));
    select(switcher, "All stores");
    browser.findElement(By.id("new-sku")).sendKeys("TEA-20");
    browser.findElement(By.id("new-name")).sendKeys("Tea, 20 bags");
    browser.findElement(By.id("new-price")).sendKeys("2.75");
    browser.findElement(By.cssSelector("#product-form button[type=submit]")).click();
    wait.until(d -> !d.findElements(By.cssSelector("tr[data-sku='TEA-20']")).isEmpty());
    browser.findElement(By.cssSelector("tr[data-sku='TEA-20'] button.edit")).click();
    WebElement price = browser.findElement(By.cssSelector("tr[data-sku='TEA-20'] input.edit-price"));
    price.clear();
    price.sendKeys("2.95");
    browser.findElement(By.cssSelector("tr[data-sku='TEA-20'] button.save")).click();
    wait.until(d -> d.findElements(By.cssSelector("tr[data-sku='TEA-20'] td.price")).stream()
        .anyMatch(e -> e.getText().equals("$2.95")));

    // stores and registers: both stores, a new register whose key is shown once
    open("stores");
    assertThat(browser.findElements(By.cssSelector("#stores-list .store-card h3"))).extracting(WebElement::getText)
        .containsExactly("Main St (America/Chicago)", "Oak Ave (America/Chicago)");
    WebElement oak = browser.findElements(By.cssSelector("#stores-list .store-card")).get(1);
    oak.findElement(By.cssSelector("form input")).sendKeys("Register 2");
    oak.findElement(By.cssSelector("form button")).click();
    wait.until(d -> d.findElement(By.id("issued-value")).getText().startsWith("trk_"));
    assertThat(text("issued-for")).isEqualTo("Register 2 at Oak Ave");
    wait.until(d -> d.findElements(By.cssSelector("#stores-list .store-card")).size() == 2
        && d.findElements(By.cssSelector("#stores-list .store-card")).get(1).findElements(By.cssSelector("tbody tr")).size() == 2);
    shot("owner-stores");

    // time clock at Oak Ave: pick Luis Vega by name
    open("employees");
    select(switcher, "Oak Ave");
    new Select(browser.findElement(By.id("clock-employee"))).selectByVisibleText("Luis Vega");
    browser.findElement(By.id("clock-in")).click();
    wait.until(d -> text("clock-result").startsWith("Luis Vega clocked in at"));
    wait.until(d -> d.findElements(By.cssSelector("#shifts tbody td")).stream().anyMatch(e -> e.getText().equals("Luis Vega")));
    assertThat(browser.findElements(By.cssSelector("#clock-employee option"))).extracting(WebElement::getText)
        .containsExactly("Luis Vega", "Marta Ruiz");
    shot("owner-time-clock");

    open("customers");
    assertThat(browser.findElements(By.cssSelector("#customers tbody td"))).extracting(WebElement::getText).contains("Rosa Diaz");
    shot("owner-customers");

    open("users");
    select(switcher, "All stores");
    invite("cashier2@pocoloco.example");
    shot("owner-users");

    // nothing of Corner Deli anywhere
    assertThat(browser.getPageSource()).doesNotContain("Corner Deli", "Downtown");

    browser.manage().window().setSize(new Dimension(390, 844));
    open("dashboard");
    shot("owner-dashboard-phone");
  }

  @Test
  void expiredSession_returnsToTheLogin_withAMessage_andNoStaleData() {
    signInAs("owner@pocoloco.example");
    open("catalog");
    assertThat(milkPrice()).isEqualTo("$3.99");
    // the server no longer accepts the token (expired, or the server restarted with a new key)
    ((JavascriptExecutor) browser).executeScript("const real = window.fetch; window.fetch = (u, o) => String(u).startsWith('/api/')"
        + " ? Promise.resolve(new Response('{\"title\":\"Unauthorized\"}', {status: 401})) : real(u, o);");
    new Select(browser.findElement(By.id("store-switcher"))).selectByVisibleText("Oak Ave");
    wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
    assertThat(text("login-message")).contains("session has ended");
    assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();
    assertThat(browser.findElements(By.cssSelector("#catalog tbody tr"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("#store-switcher option"))).isEmpty();
    assertThat(text("company")).isEmpty();
    shot("session-expired");
  }

  @Test
  void manager_seesOnlyItsStore_andNoUsersOrProductEditing() {
    signInAs("manager@pocoloco.example");
    assertThat(text("company")).isEqualTo("Poco Loco Supermercado");
    assertThat(text("who")).isEqualTo("manager@pocoloco.example · Manager");
    assertThat(visibleTabs()).containsExactly("Dashboard", "Catalog", "Stores & registers", "Time clock", "Customers");
    assertThat(switcher().getOptions()).extracting(WebElement::getText).containsExactly("Main St");
    assertThat(text("kpi-count")).isEqualTo("2 sales");
    assertThat(browser.findElements(By.cssSelector("#chart text.label"))).extracting(WebElement::getText).containsExactly("Main St");
    shot("manager-dashboard");
    open("catalog");
    assertThat(milkPrice()).isEqualTo("$3.49");
    assertThat(browser.findElements(By.cssSelector("#catalog input.override-input"))).isNotEmpty();
    assertThat(browser.findElements(By.cssSelector("#catalog button.edit"))).isEmpty();
    assertThat(browser.findElement(By.id("product-form")).isDisplayed()).isFalse();
    shot("manager-catalog");
    open("stores");
    assertThat(browser.findElements(By.cssSelector("#stores-list .store-card h3"))).extracting(WebElement::getText)
        .containsExactly("Main St (America/Chicago)");
    assertThat(browser.findElement(By.id("store-form")).isDisplayed()).isFalse();
    shot("manager-stores");
    open("employees");
    assertThat(browser.findElements(By.cssSelector("#clock-employee option"))).extracting(WebElement::getText)
        .containsExactly("Ana Torres", "Marta Ruiz");
    shot("manager-time-clock");
    open("customers");
    shot("manager-customers");
    assertThat(browser.getPageSource()).doesNotContain("Oak Ave", "Luis Vega", "Corner Deli");

    browser.findElement(By.id("sign-out")).click();
    wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
    assertThat(text("login-message")).isEqualTo("You signed out.");
    assertThat(browser.findElements(By.cssSelector("#catalog tbody tr"))).isEmpty();
  }

  @Test
  void cashier_seesItsOneStore_catalogClockAndCustomers_only() {
    signInAs("cashier@pocoloco.example");
    assertThat(text("who")).isEqualTo("cashier@pocoloco.example · Cashier");
    assertThat(visibleTabs()).containsExactly("Catalog", "Time clock", "Customers");
    assertThat(switcher().getOptions()).extracting(WebElement::getText).containsExactly("Oak Ave");
    assertThat(milkPrice()).isEqualTo("$3.99");
    assertThat(browser.findElements(By.cssSelector("#catalog input, #catalog button"))).isEmpty();
    shot("cashier-catalog");
    open("employees");
    assertThat(browser.findElements(By.cssSelector("#clock-employee option"))).extracting(WebElement::getText)
        .containsExactly("Luis Vega", "Marta Ruiz");
    assertThat(browser.findElement(By.id("employee-form")).isDisplayed()).isFalse();
    shot("cashier-time-clock");
    open("customers");
    browser.findElement(By.id("customer-q")).sendKeys("555 0100");
    browser.findElement(By.cssSelector("#customer-search button")).click();
    wait.until(d -> d.findElements(By.cssSelector("#customers tbody td")).stream().anyMatch(e -> e.getText().equals("Rosa Diaz")));
    shot("cashier-customers");
    assertThat(browser.getPageSource()).doesNotContain("Main St", "Ana Torres", "Corner Deli");
  }

  @Test
  void otherCompanysOwner_seesOnlyCornerDeli() {
    signInAs("owner@cornerdeli.example");
    assertThat(text("company")).isEqualTo("Corner Deli");
    assertThat(switcher().getOptions()).extracting(WebElement::getText).containsExactly("All stores", "Downtown");
    assertThat(text("kpi-count")).isEqualTo("0 sales");
    assertThat(text("period-label")).contains("America/New_York");
    shot("other-owner-dashboard");
    open("catalog");
    assertThat(browser.findElements(By.cssSelector("#catalog td.name"))).extracting(WebElement::getText)
        .containsExactly("Milk (Corner Deli)");
    assertThat(milkPrice()).isEqualTo("$2.00");
    shot("other-owner-catalog");
    open("stores");
    shot("other-owner-stores");
    open("employees");
    assertThat(browser.findElements(By.cssSelector("#employees tbody tr"))).isEmpty();
    shot("other-owner-time-clock");
    open("customers");
    shot("other-owner-customers");
    open("users");
    shot("other-owner-users");
    assertThat(browser.getPageSource()).doesNotContain("Poco Loco", "Main St", "Oak Ave", "Rosa Diaz", "Ana Torres");
  }

  // ---------- helpers ----------

  /** Invites {@code email} as a cashier of the second store on the Users screen (open, signed in as the owner). */
  private void invite(String email) {
    browser.findElement(By.id("new-user-email")).sendKeys(email);
    assertThat(browser.findElements(By.id("new-user-password"))).as("the owner sets no password").isEmpty();
    new Select(browser.findElement(By.id("new-user-role"))).selectByValue("CASHIER");
    browser.findElements(By.cssSelector("#user-stores input")).get(1).click();
    browser.findElement(By.cssSelector("#user-form button[type=submit]")).click();
    wait.until(d -> text("user-result").startsWith("Invitation sent to " + email + " as cashier"));
    assertThat(browser.getPageSource()).doesNotContain("inv_");
  }

  @Test
  void invitedCashier_opensTheMailedLink_choosesAPassword_andSignsIn() {
    signInAs("owner@pocoloco.example");
    open("users");
    invite("cashier3@pocoloco.example");
    browser.findElement(By.id("sign-out")).click();

    List<Outbox.Message> mail = app.getBean(Outbox.class).to("cashier3@pocoloco.example");
    assertThat(mail).hasSize(1);
    browser.get(mail.get(0).link().replaceFirst("^http://[^/]+", url("")));
    wait.until(d -> d.findElement(By.id("accept")).isDisplayed());
    assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
    browser.findElement(By.id("accept-password")).sendKeys("cashier-3-own");
    shot("accept-invitation");
    browser.findElement(By.id("accept-invitation")).click();
    wait.until(d -> text("login-message").startsWith("Invitation accepted"));
    assertThat(browser.getCurrentUrl()).doesNotContain("inv_");

    browser.findElement(By.id("email")).clear();
    browser.findElement(By.id("email")).sendKeys("cashier3@pocoloco.example");
    browser.findElement(By.id("password")).sendKeys("cashier-3-own");
    browser.findElement(By.id("sign-in")).click();
    wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded-store") != null);
    assertThat(text("who")).isEqualTo("cashier3@pocoloco.example · Cashier");
    assertThat(switcher().getOptions()).extracting(WebElement::getText).containsExactly("Oak Ave");

    // the link works once
    browser.findElement(By.id("sign-out")).click();
    browser.get(mail.get(0).link().replaceFirst("^http://[^/]+", url("")));
    wait.until(d -> d.findElement(By.id("accept")).isDisplayed());
    browser.findElement(By.id("accept-password")).sendKeys("cashier-3-own");
    browser.findElement(By.id("accept-invitation")).click();
    wait.until(d -> text("accept-error").contains("used or expired"));
  }

  @Test
  void newOwner_signsUp_opensTheMailedLink_choosesAPassword_andSignsIn() {
    browser.get(url("/"));
    browser.findElement(By.id("show-signup")).click();
    wait.until(d -> d.findElement(By.id("signup")).isDisplayed());
    browser.findElement(By.id("signup-company")).sendKeys("Browser Bakery");
    browser.findElement(By.id("signup-email")).sendKeys("baker@bakery.example");
    browser.findElement(By.id("sign-up")).click();
    wait.until(d -> text("signup-result").startsWith("Check your email"));
    shot("signup-check-your-email");
    assertThat(browser.getPageSource()).doesNotContain("sgn_");

    List<Outbox.Message> mail = app.getBean(Outbox.class).to("baker@bakery.example");
    assertThat(mail).hasSize(1);
    browser.get(mail.get(0).link().replaceFirst("^http://[^/]+", url("")));
    wait.until(d -> d.findElement(By.id("confirm")).isDisplayed());
    assertThat(browser.findElement(By.id("login")).isDisplayed()).isFalse();
    browser.findElement(By.id("confirm-password")).sendKeys("bakers-own-pass");
    shot("confirm-signup");
    browser.findElement(By.id("confirm-signup")).click();
    wait.until(d -> text("login-message").startsWith("Company created"));
    assertThat(browser.getCurrentUrl()).doesNotContain("sgn_");

    signIn("baker@bakery.example", "bakers-own-pass");
    wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded-store") != null);
    assertThat(text("company")).isEqualTo("Browser Bakery");
    assertThat(text("who")).isEqualTo("baker@bakery.example · Owner");

    // the link works once
    browser.findElement(By.id("sign-out")).click();
    browser.get(mail.get(0).link().replaceFirst("^http://[^/]+", url("")));
    wait.until(d -> d.findElement(By.id("confirm")).isDisplayed());
    browser.findElement(By.id("confirm-password")).sendKeys("bakers-own-pass");
    browser.findElement(By.id("confirm-signup")).click();
    wait.until(d -> text("confirm-error").contains("used or expired"));
  }

  private void signIn(String email, String password) {
    browser.get(url("/"));
    browser.findElement(By.id("email")).clear();
    browser.findElement(By.id("email")).sendKeys(email);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("sign-in")).click();
  }

  private void signInAs(String email) {
    signIn(email, PASSWORD);
    wait.until(d -> d.findElement(By.tagName("body")).getDomAttribute("data-loaded-store") != null);
  }

  private void open(String screen) {
    browser.findElement(By.id("tab-" + screen)).click();
    wait.until(d -> screen.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded-screen"))
        && d.findElement(By.tagName("body")).getDomAttribute("data-loaded-store") != null);
  }

  private Select switcher() {
    return new Select(browser.findElement(By.id("store-switcher")));
  }

  private void select(Select switcher, String store) {
    switcher.selectByVisibleText(store);
    String id = switcher.getFirstSelectedOption().getDomAttribute("value");
    String expected = id.isEmpty() ? "all" : id;
    wait.until(d -> expected.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded-store")));
  }

  private List<String> visibleTabs() {
    return browser.findElements(By.cssSelector("[role=tab]")).stream().filter(WebElement::isDisplayed)
        .map(WebElement::getText).toList();
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private String milkPrice() {
    return browser.findElement(By.cssSelector("tr[data-sku='MILK-1L'] td.price")).getText();
  }

  private void shot(String name) {
    try {
      Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
      Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new IllegalStateException("cannot save the screenshot " + name, e);
    }
  }

  private static String url(String path) {
    return "http://localhost:" + port + path;
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("pos-chromium-").toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
