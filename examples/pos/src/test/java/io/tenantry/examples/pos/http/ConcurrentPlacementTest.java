package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.pos.PosApplication;
import io.tenantry.examples.pos.account.Outbox;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * "Fewest companies" placement under concurrent signups on two instances of the POS (each with its own router and
 * directory pool): the companies' creation is slowed (a trigger sleeps 1 s), so without a lock around the count and
 * the placement both signups count the same empty directory and land on the same cluster.
 */
class ConcurrentPlacementTest extends TwoClustersPos {

  ConcurrentPlacementTest(TestDatabase db, SecondDatabase second) {
    super(db, second);
  }

  @Test
  void twoConcurrentSignupsOnTwoInstancesLandOnTwoClusters() throws Exception {
    String slow = "create or replace function test_slow_company() returns trigger language plpgsql as"
        + " $$ begin perform pg_sleep(1); return new; end $$;"
        + " create trigger test_slow_company after insert on tenantry_company for each row"
        + " execute function test_slow_company()";
    db.execute(slow);
    two.execute(slow);
    try (ConfigurableApplicationContext other = SpringApplication.run(PosApplication.class, startArguments())) {
      String otherBase = "http://127.0.0.1:" + ((WebServerApplicationContext) other).getWebServer().getPort();
      expect(requestSignup("First", "owner@first.example"), 202);
      expect(postTo(otherBase, "/api/signup", "{\"companyName\":\"Second\",\"email\":\"owner@second.example\"}"), 202);
      String first = signupToken("owner@first.example", 0);
      String second = token(other, "owner@second.example");
      CountDownLatch go = new CountDownLatch(1);
      CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(() -> {
        await(go);
        return confirmSignup(first, PASSWORD);
      });
      CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(() -> {
        await(go);
        return postTo(otherBase, "/api/signup/confirm", "{\"token\":\"" + second + "\",\"password\":\"" + PASSWORD
            + "\"}");
      });
      go.countDown();
      UUID companyA = UUID.fromString(read(expect(a.get(), 201), "$.companyId"));
      UUID companyB = UUID.fromString(read(expect(b.get(), 201), "$.companyId"));
      assertThat(List.of(router().clusterOf(companyA), router().clusterOf(companyB)))
          .containsExactlyInAnyOrder(HOME, TWO);
    } finally {
      String drop = "drop trigger test_slow_company on tenantry_company; drop function test_slow_company()";
      db.execute(drop);
      two.execute(drop);
    }
  }

  private HttpResponse<String> postTo(String otherBase, String path, String json) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(otherBase + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(path + ": " + e, e);
    }
  }

  /** The signup token mailed to {@code email} by the other instance. */
  private static String token(ConfigurableApplicationContext instance, String email) {
    String link = instance.getBean(Outbox.class).to(email).get(0).link();
    return link.substring(link.indexOf("#signup=") + "#signup=".length());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
