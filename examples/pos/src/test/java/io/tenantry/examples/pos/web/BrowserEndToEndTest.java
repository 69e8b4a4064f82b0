package io.tenantry.examples.pos.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.pos.PosApplication;
import io.tenantry.test.TenantryPostgres;
import io.tenantry.test.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The web page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; nothing is
 * downloaded): the demo owner signs in, switches stores, and sees milk at $3.99 and $3.49. The
 * application runs as it does for a user: demo data on first start, and the app and system roles
 * created by the migration itself (unique names here, because roles are cluster-wide).
 */
@TenantryPostgres
class BrowserEndToEndTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  static ConfigurableApplicationContext app;
  static String appRole;
  static String systemRole;
  static TestDatabase db;

  @BeforeAll
  static void start(TestDatabase database) {
    db = database;
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    appRole = "pos_e2e_app_" + suffix;
    systemRole = "pos_e2e_sys_" + suffix;
    app = SpringApplication.run(PosApplication.class, "--server.port=0",
        "--spring.datasource.url=" + db.jdbcUrl(), "--spring.datasource.username=" + db.adminUser(),
        "--spring.datasource.password=" + db.adminPassword(),
        "--pos.database.app-role=" + appRole, "--pos.database.system-role=" + systemRole);
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

  @Test
  void owner_switchesStores_andThePriceFollows() {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Chromium is needed for this test: apt-get install -y chromium chromium-driver")
        .isTrue();
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + tempDir());
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get("http://localhost:" + port + "/");
      browser.findElement(By.id("email")).clear();
      browser.findElement(By.id("email")).sendKeys("owner@pocoloco.example");
      browser.findElement(By.id("password")).sendKeys("pocoloco123");
      browser.findElement(By.id("sign-in")).click();
      wait.until(d -> "all".equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded-store")));
      browser.findElement(By.id("employee")).sendKeys("kept across store switches");
      assertThat(milkPrice(browser)).isEqualTo("$3.99");

      Select switcher = new Select(browser.findElement(By.id("store-switcher")));
      assertThat(switcher.getOptions()).extracting(o -> o.getText()).containsExactly("All stores", "Main St", "Oak Ave");
      select(browser, wait, switcher, "Main St");
      assertThat(milkPrice(browser)).isEqualTo("$3.49");
      select(browser, wait, switcher, "Oak Ave");
      assertThat(milkPrice(browser)).isEqualTo("$3.99");
      select(browser, wait, switcher, "Main St");
      assertThat(milkPrice(browser)).isEqualTo("$3.49");
      assertThat(browser.findElement(By.id("employee")).getDomProperty("value")).isEqualTo("kept across store switches");
      assertThat(browser.findElements(By.cssSelector("#chart rect"))).isNotEmpty();
    } finally {
      browser.quit();
    }
  }

  private static void select(WebDriver browser, WebDriverWait wait, Select switcher, String store) {
    switcher.selectByVisibleText(store);
    String id = switcher.getFirstSelectedOption().getDomAttribute("value");
    wait.until(d -> id.equals(d.findElement(By.tagName("body")).getDomAttribute("data-loaded-store")));
  }

  private static String milkPrice(WebDriver browser) {
    return browser.findElement(By.cssSelector("tr[data-sku='MILK-1L'] td.price")).getText();
  }

  private static String tempDir() {
    try {
      return Files.createTempDirectory("pos-chromium-").toString();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
