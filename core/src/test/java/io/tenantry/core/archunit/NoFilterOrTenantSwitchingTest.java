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
        .contains("was violated (9 times)")
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

  /** Tenantry's filter name is a constant javac copies into the caller: read from its class file. */
  @Test
  void noFilterOrTenantSwitching_tenantFilter() {
    String filterSwitch = fixture("switching.bad.TenantFilterSwitch");
    assertThat(violations(NO_FILTER_OR_TENANT_SWITCHING, "switching.bad"))
        .contains("Method <" + filterSwitch + ".pretendSystem(org.hibernate.Session, java.lang.Object)> calls method "
            + "<org.hibernate.Session.enableFilter(java.lang.String)> in (TenantFilterSwitch.java:10) with \"_tenantId\" "
            + "(TenantFilters.SYSTEM_SESSION) in TenantFilterSwitch: Hibernate enables this filter with the session's "
            + "tenant and Tenantry reads it as the mark of system access")
        .contains("Method <" + filterSwitch + ".repoint(org.hibernate.Session, java.lang.Object)> calls method "
            + "<org.hibernate.Session.getEnabledFilter(java.lang.String)> in (TenantFilterSwitch.java:14)");
  }

  @Test
  void noFilterOrTenantSwitching_reflectiveTenantColumnWrites() {
    String writer = fixture("switching.bad.TenantColumnWriter");
    assertThat(violations(NO_FILTER_OR_TENANT_SWITCHING, "switching.bad"))
        .contains("Method <" + writer + ".moveWithSpring(" + fixture("model.Sale") + ", java.util.UUID)> calls method "
            + "<org.springframework.util.ReflectionUtils.setField(java.lang.reflect.Field, java.lang.Object, "
            + "java.lang.Object)> in (TenantColumnWriter.java:15), writing a field by reflection in code that "
            + "handles tenant-owned <" + fixture("model.Sale") + ">: the tenant columns (companyId, storeId, "
            + "registerId) are stamped from the bound tenant and never change")
        .contains("Method <" + writer + ".moveWithReflection(java.lang.Object, java.util.UUID)> calls method "
            + "<java.lang.reflect.Field.set(java.lang.Object, java.lang.Object)> in (TenantColumnWriter.java:21), "
            + "writing a field by reflection in code that handles tenant-owned <io.tenantry.core.model.CompanyOwned>")
        .doesNotContain("setAccessible")
        .doesNotContain("makeAccessible");
  }

  /** The application's own filters, sessions, and reflective writes to objects that are not tenant-owned. */
  @Test
  void noFilterOrTenantSwitching_ownFiltersAndSessions() {
    passes(NO_FILTER_OR_TENANT_SWITCHING, "switching.good");
  }
}
