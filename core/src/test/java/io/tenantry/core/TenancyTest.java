package io.tenantry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tenantry.core.internal.Bindings;
import java.io.IOException;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class TenancyTest {

  static final UUID COMPANY_A = UUID.randomUUID();
  static final UUID COMPANY_B = UUID.randomUUID();
  static final UUID STORE_A1 = UUID.randomUUID();
  static final UUID REGISTER_A1 = UUID.randomUUID();
  static final TenantContext A = TenantContext.ofRegister(COMPANY_A, STORE_A1, REGISTER_A1);
  static final TenantContext B = TenantContext.ofCompany(COMPANY_B);

  @AfterEach
  void nothingLeftBound() {
    assertThat(Tenancy.find()).as("a test left a tenant bound").isEmpty();
    assertThat(MDC.get("tenant.company")).isNull();
  }

  @Test
  void current_nothingBound_failsClosedWithFix() {
    assertThatThrownBy(Tenancy::current)
        .isInstanceOf(NoTenantBoundException.class)
        .hasMessageContaining("none is bound")
        .hasMessageContaining("Tenancy.run(context")
        .hasMessageContaining("TenantPropagation")
        .hasMessageContaining(Thread.currentThread().getName());
    assertThat(Tenancy.find()).isEmpty();
    assertThat(Tenancy.isBound()).isFalse();
  }

  @Test
  void run_bindsForTheExtentOfTheCall() {
    Tenancy.run(A, () -> {
      assertThat(Tenancy.current()).isSameAs(A);
      assertThat(Tenancy.find()).contains(A);
      assertThat(Tenancy.isBound()).isTrue();
    });
    assertThat(Tenancy.find()).isEmpty();
  }

  @Test
  void run_nested_restoresOuter() {
    Tenancy.run(A, () -> {
      Tenancy.run(B, () -> assertThat(Tenancy.current()).isSameAs(B));
      assertThat(Tenancy.current()).isSameAs(A);
    });
  }

  @Test
  void run_exception_restoresPrevious() {
    Tenancy.run(A, () -> {
      assertThatThrownBy(() -> Tenancy.run(B, () -> {
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(Tenancy.current()).isSameAs(A);
    });
    assertThatThrownBy(() -> Tenancy.run(A, () -> {
      throw new IllegalStateException("outer boom");
    })).hasMessage("outer boom");
    assertThat(Tenancy.find()).isEmpty();
  }

  @Test
  void call_returnsValueAndPropagatesCheckedException() throws Exception {
    assertThat(Tenancy.call(A, () -> Tenancy.current().companyId())).isEqualTo(COMPANY_A);
    assertThatThrownBy(() -> Tenancy.call(B, () -> {
      throw new IOException("disk");
    })).isInstanceOf(IOException.class);
    assertThat(Tenancy.find()).isEmpty();
  }

  @Test
  void supply_nestedAndException_restores() {
    assertThat(Tenancy.supply(A, () -> Tenancy.supply(B, () -> Tenancy.current()))).isSameAs(B);
    assertThatThrownBy(() -> Tenancy.supply(A, () -> {
      throw new IllegalArgumentException("bad");
    })).hasMessage("bad");
    assertThat(Tenancy.find()).isEmpty();
  }

  @Test
  void run_nullContext_namesTheFix() {
    assertThatThrownBy(() -> Tenancy.run(null, () -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TenantContext.builder(companyId)");
  }

  @Test
  void mdc_carriesTenantWhileBound_andIsRestored() {
    MDC.put("request", "r-1");
    try {
      Tenancy.run(A, () -> {
        assertThat(MDC.get("tenant.company")).isEqualTo(COMPANY_A.toString());
        assertThat(MDC.get("tenant.store")).isEqualTo(STORE_A1.toString());
        assertThat(MDC.get("tenant.register")).isEqualTo(REGISTER_A1.toString());
        Tenancy.run(B, () -> {
          assertThat(MDC.get("tenant.company")).isEqualTo(COMPANY_B.toString());
          assertThat(MDC.get("tenant.store")).isNull();
          assertThat(MDC.get("tenant.register")).isNull();
        });
        assertThat(MDC.get("tenant.store")).isEqualTo(STORE_A1.toString());
      });
      assertThat(MDC.get("tenant.company")).isNull();
      assertThat(MDC.get("tenant.store")).isNull();
      assertThat(MDC.get("request")).as("other MDC keys are left alone").isEqualTo("r-1");
    } finally {
      MDC.remove("request");
    }
  }

  @Test
  void mdc_followsTheStoreSwitcher_andSystemAccess() {
    UUID storeA2 = UUID.randomUUID();
    TenantContext manager = TenantContext.builder(COMPANY_A).grantedStores(Set.of(STORE_A1, storeA2)).build();
    Tenancy.run(manager, () -> {
      assertThat(MDC.get("tenant.company")).isEqualTo(COMPANY_A.toString());
      assertThat(MDC.get("tenant.store")).isNull();
      Tenancy.run(manager.withStore(storeA2), () -> assertThat(MDC.get("tenant.store")).isEqualTo(storeA2.toString()));
      Tenancy.asSystem("test: the MDC during system access", () -> {
        assertThat(MDC.get("tenant.company")).isNull();
        assertThat(MDC.get("tenant.system")).isEqualTo("test: the MDC during system access");
      });
      assertThat(MDC.get("tenant.company")).isEqualTo(COMPANY_A.toString());
      assertThat(MDC.get("tenant.store")).isNull();
      assertThat(MDC.get("tenant.system")).isNull();
    });
  }

  @Test
  void mdcStrings_areReadOnlyTheWayTenantContextSaid() {
    assertThat(A.toString()).isNotEmpty(); // TenantContext is initialized, so it has said how
    assertThatThrownBy(() -> Bindings.readBindingsWith(ctx -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("for TenantContext alone");
  }

  @Test
  void asSystem_requiresReason() {
    assertThatThrownBy(() -> Tenancy.asSystem("  ", () -> { }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a reason");
    assertThatThrownBy(() -> Tenancy.asSystem(null, () -> "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void asSystem_reasonWithNewlinesAndQuotes_cannotForgeALogLine() {
    Logger log = (Logger) LoggerFactory.getLogger("io.tenantry.system-access");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    String forged = "signup: create company 'Evil\"\n12:00:00.000 INFO io.tenantry.system-access - System access "
        + "(cross-tenant) begins: reason=\"audit ok\r\u2028\u001b[2J";
    try {
      Tenancy.asSystem(forged, () -> {
        assertThat(Tenancy.systemAccessReason()).contains(forged); // the API keeps the reason as given
        assertThat(MDC.get("tenant.system")).doesNotContain("\n", "\r", "\u2028", "\u001b")
            .contains("Evil\\\"\\n12:00");
        assertThatThrownBy(Tenancy::current).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      });
    } finally {
      log.detachAppender(appender);
    }
    assertThat(appender.list).hasSize(1);
    String line = appender.list.get(0).getFormattedMessage();
    assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u001b")
        .contains("reason=\"signup: create company 'Evil\\\"\\n12:00:00.000 INFO")
        .contains("\\r\\u2028\\u001b[2J\"");
  }

  @Test
  void asSystem_isLoggedDetectableAndBindsNoTenant() {
    Logger log = (Logger) LoggerFactory.getLogger("io.tenantry.system-access");
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    log.addAppender(appender);
    try {
      Tenancy.run(A, () -> {
        String inside = Tenancy.asSystem("nightly platform report", () -> {
          assertThat(Tenancy.systemAccessReason()).contains("nightly platform report");
          assertThat(Tenancy.find()).isEmpty();
          assertThat(MDC.get("tenant.company")).isNull();
          assertThat(MDC.get("tenant.system")).isEqualTo("nightly platform report");
          assertThatThrownBy(Tenancy::current)
              .isInstanceOf(NoTenantBoundException.class)
              .hasMessageContaining("system access (\"nightly platform report\")");
          return "done";
        });
        assertThat(inside).isEqualTo("done");
        assertThat(Tenancy.current()).isSameAs(A);
        assertThat(Tenancy.systemAccessReason()).isEmpty();
        assertThat(MDC.get("tenant.system")).isNull();
      });
    } finally {
      log.detachAppender(appender);
    }
    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage())
        .contains("nightly platform report")
        .contains(COMPANY_A.toString());
  }

  @Test
  void asSystem_exception_restoresTenant() {
    Tenancy.run(A, () -> {
      assertThatThrownBy(() -> Tenancy.asSystem("migration", () -> {
        throw new IllegalStateException("failed");
      })).hasMessage("failed");
      assertThat(Tenancy.current()).isSameAs(A);
    });
    assertThat(Tenancy.systemAccessReason()).isEmpty();
  }
}
