package io.tenantry.examples.pos.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantry.examples.pos.PosApplication;
import io.tenantry.test.SecondDatabase;
import io.tenantry.test.TestDatabase;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo data on two clusters whose new companies go to the second one: the first start loads it there, and a
 * restart sees that the deployment is not empty although the home cluster holds no company.
 */
class DemoDataOnTwoClustersTest extends TwoClustersPos {

  DemoDataOnTwoClustersTest(TestDatabase db, SecondDatabase second) {
    super(db, second, TWO);
  }

  @Override
  String[] startArguments() {
    return Arrays.stream(super.startArguments())
        .map(a -> a.equals("--pos.demo.enabled=false") ? "--pos.demo.enabled=true" : a).toArray(String[]::new);
  }

  @Test
  void aRestartDoesNotLoadTheDemoAgainWhenEveryCompanyIsOnAnotherCluster() {
    // the first start (the class's application) loaded the demo companies on the second cluster
    assertThat(adminTwo("select count(*) from tenantry_company")).isEqualTo(2);
    assertThat(admin("select count(*) from tenantry_company")).isZero();
    long logins = admin("select count(*) from tenantry_user_account");
    try (ConfigurableApplicationContext again = SpringApplication.run(PosApplication.class, startArguments())) {
      assertThat(again.isActive()).isTrue();
    }
    assertThat(adminTwo("select count(*) from tenantry_company")).isEqualTo(2);
    assertThat(admin("select count(*) from tenantry_company")).isZero();
    assertThat(admin("select count(*) from tenantry_user_account")).isEqualTo(logins);
    expect(post("/api/auth/login", null, "{\"email\":\"owner@pocoloco.example\",\"password\":\"pocoloco123\"}"), 200);
  }
}
