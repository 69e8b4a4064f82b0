package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.journal;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.register.local.SaleJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The long-running register ({@code register serve}) in headless Chromium against the real POS: sell
 * on the screen while online, stop the server, sell on, start it again; every sale lands on the server
 * once, and the screen's status follows (online, offline, N pending). A customer found by the screen's
 * search (online only) earns the company's loyalty points for a sale, also for one charged while the
 * server was away. Screenshots go to {@code target/screenshots/}.
 */
class RegisterScreenBrowserTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  @TempDir
  Path dir;

  @Test
  void sellOnline_stopTheServer_sellOffline_restart_everySaleLandsOnce_customerGetsThePoints() throws Exception {
    assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        .as("Chromium is needed for this test: apt-get install -y chromium chromium-driver").isTrue();
    PosServer pos = PosServer.get();
    PosApi owner = PosApi.newCompany(pos.url, "Screen Grocers");
    String store = owner.store("Main St");
    PosApi.Register key = owner.register(store, "R1");
    owner.product("MILK", "Milk 1 l", "3.99");
    owner.product("BREAD", "Bread", "2.50");
    owner.taxRate("0.0825");
    String ada = owner.customer("Ada Lovelace", "555-0101");
    owner.customer("Adam Smith", "555-0199");
    Path db = register(dir.resolve("r1.db"), pos.url, key.key());
    Files.createDirectories(SCREENSHOTS);

    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=1100,800",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + Files.createTempDirectory("register-chromium-"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try (RegisterScreen screen = RegisterScreen.start(db, 0, 500)) {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
      wait.ignoring(StaleElementReferenceException.class);
      browser.get("http://127.0.0.1:" + screen.port() + "/");
      wait.until(d -> "online".equals(status(d, "connection")));
      assertThat(browser.findElement(By.id("store")).getText()).isEqualTo("Main St");

      // online: scan MILK twice (the SKU and Enter, as a scanner types), add bread from the list
      scan(browser, "MILK");
      scan(browser, "milk");
      browser.findElement(By.cssSelector("#products tr[data-sku='BREAD'] button")).click();
      assertThat(browser.findElement(By.id("total")).getText()).isEqualTo("$11.34");
      pickCustomer(browser, wait, "ada", ada); // lists Ada Lovelace and Adam Smith
      assertThat(browser.findElement(By.id("customer")).getText()).startsWith("Ada Lovelace · 0 points");
      shot(browser, "register-sale");
      charge(browser, wait, "11.34");
      assertThat(browser.findElement(By.id("receipt")).getText()).contains("Customer Ada Lovelace")
          .containsPattern("Points this sale +11\n").containsPattern("Points total +11\n");
      assertThat(browser.findElement(By.id("customer")).getDomAttribute("data-id")).isEmpty();
      wait.until(d -> "0".equals(status(d, "pending")) && "online".equals(status(d, "connection")));
      shot(browser, "register-receipt");
      assertThat(owner.points(ada)).isEqualTo(11);

      // picked while online (the server's balance), charged while the server is away
      pickCustomer(browser, wait, "555-0101", ada);
      assertThat(browser.findElement(By.id("customer")).getText()).startsWith("Ada Lovelace · 11 points");

      pos.shutDown();
      try {
        wait.until(d -> "offline".equals(status(d, "connection")));
        scan(browser, "BREAD");
        charge(browser, wait, "2.71");
        assertThat(browser.findElement(By.id("receipt")).getText()).contains("Customer Ada Lovelace")
            .containsPattern("Points total +13\n");
        // the search needs the server: the cashier is told, and sells without a customer
        browser.findElement(By.id("customer-q")).sendKeys("Ada\n");
        wait.until(d -> d.findElement(By.id("customer-error")).getText().contains("needs the server"));
        scan(browser, "MILK");
        charge(browser, wait, "4.32");
        assertThat(browser.findElement(By.id("receipt")).getText()).doesNotContain("Customer");
        wait.until(d -> "2".equals(status(d, "pending")));
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("offline · 2 pending");
        shot(browser, "register-offline");
      } finally {
        pos.restart();
      }
      wait.until(d -> "online".equals(status(d, "connection")) && "0".equals(status(d, "pending")));
      shot(browser, "register-back-online");
    } finally {
      browser.quit();
    }
    assertThat(owner.signInAgain().sales(store)).isEqualTo(new PosApi.StoreSales(3, "18.37"));
    assertThat(journal(db)).extracting(SaleJournal.Entry::status).containsExactly("pushed", "pushed", "pushed");
    assertThat(journal(db)).extracting(SaleJournal.Entry::serverSaleId).doesNotContainNull().doesNotHaveDuplicates();
    assertThat(journal(db)).extracting(SaleJournal.Entry::customerId).containsExactly(ada, ada, null);
    assertThat(owner.signInAgain().points(ada)).isEqualTo(13); // 11.34 + 2.71, one point per whole unit
  }

  /** Searches customers on the screen and picks the one with {@code id} (the search also lists others). */
  private static void pickCustomer(WebDriver browser, WebDriverWait wait, String search, String id) {
    WebElement q = browser.findElement(By.id("customer-q"));
    q.clear();
    q.sendKeys(search + "\n");
    wait.until(d -> !d.findElements(By.cssSelector("#customers button[data-id='" + id + "']")).isEmpty());
    browser.findElement(By.cssSelector("#customers button[data-id='" + id + "']")).click();
    wait.until(d -> id.equals(d.findElement(By.id("customer")).getDomAttribute("data-id")));
  }

  private static String status(WebDriver d, String attribute) {
    return d.findElement(By.id("status")).getDomAttribute("data-" + attribute);
  }

  private static void scan(WebDriver browser, String code) {
    browser.findElement(By.id("code")).sendKeys(code + "\n");
  }

  private static void charge(WebDriver browser, WebDriverWait wait, String total) {
    browser.findElement(By.id("charge")).click();
    wait.until(d -> total.equals(d.findElement(By.id("receipt")).getDomAttribute("data-total"))
        && d.findElements(By.cssSelector("#cart tbody:not(.totals) tr")).isEmpty());
    assertThat(browser.findElement(By.id("receipt")).getText()).contains("TOTAL").contains(total);
  }

  private static void shot(WebDriver browser, String name) throws IOException {
    Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
