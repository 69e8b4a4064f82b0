package io.tenantry.core.archunit;

import static io.tenantry.core.archunit.Fixtures.fixture;
import static io.tenantry.core.archunit.Fixtures.passes;
import static io.tenantry.core.archunit.Fixtures.violations;
import static io.tenantry.core.archunit.TenantryRules.NO_FILTER_OR_TENANT_SWITCHING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoFilterOrTenantSwitchingTest {

  @Test
  void noFilterOrTenantSwitching_switches() {
    String hopper = fixture("switching.bad.TenantHopper");
    assertThat(violations(NO_FILTER_OR_TENANT_SWITCHING, "switching.bad"))
        .contains("was violated (5 times)")
        .contains("because Tenantry's scoping and the session tenant are what keep one company's rows from another")
        .contains("Method <" + fixture("switching.bad.FilterSwitch.seeEveryStore(jakarta.persistence.EntityManager)")
            + "> calls method <org.hibernate.Session.disableFilter(java.lang.String)> in (FilterSwitch.java:9): "
            + "session filters are part of Tenantry's scoping (system access is marked by one); never disable them")
        .contains("Method <" + hopper + ".openFor(org.hibernate.SessionFactory, java.lang.Object)> calls method "
            + "<org.hibernate.SessionBuilder.tenantIdentifier(java.lang.Object)>")
        .contains("Method <" + hopper + ".openStatelessFor(org.hibernate.SessionFactory, java.lang.Object)> calls "
            + "method <org.hibernate.StatelessSessionBuilder.tenantIdentifier(java.lang.Object)>")
        .contains("run the work for another tenant inside Tenancy.run(otherTenantContext, ...) instead")
        .contains("Class <" + fixture("switching.bad.OwnTenantResolver") + "> implements CurrentTenantIdentifierResolver")
        .contains("Method <" + fixture("switching.bad.InternalsUser.pretendSystem()")
            + "> calls constructor <io.tenantry.core.internal.SystemAccess.<init>(java.lang.String)>")
        .contains("io.tenantry..internal.. is not API");
  }

  @Test
  void noFilterOrTenantSwitching_ownFiltersAndSessions() {
    passes(NO_FILTER_OR_TENANT_SWITCHING, "switching.good");
  }
}
