package io.tenantry.spring.actuate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** The audit slot: shows a result once an {@link IsolationAuditResults} bean provides one. */
class TenantryEndpointTest {

  private final EntityManagerFactory emf = mock(EntityManagerFactory.class);

  TenantryEndpointTest() {
    EntityManager em = mock(EntityManager.class, RETURNS_DEEP_STUBS);
    when(emf.createEntityManager()).thenReturn(em);
    when(em.createQuery(anyString(), eq(Long.class)).getSingleResult()).thenReturn(7L);
  }

  private TenantryEndpoint.TenantryDescriptor read(IsolationAuditResults results) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (results != null) {
      beans.addBean("audit", results);
    }
    return new TenantryEndpoint(emf, beans.getBeanProvider(IsolationAuditResults.class), "warn").tenantry();
  }

  @Test
  void withoutTheAuditTheSlotSaysSo() {
    TenantryEndpoint.TenantryDescriptor descriptor = read(null);
    assertThat(descriptor.counts()).isEqualTo(new TenantryEndpoint.Counts(7, 7, 7));
    assertThat(audit(descriptor)).containsEntry("status", "UNAVAILABLE").containsEntry("onStartup", "warn");
  }

  @Test
  void anAuditThatHasNotRunYetSaysSo() {
    assertThat(audit(read(Optional::empty))).containsEntry("status", "NOT_RUN");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> audit(TenantryEndpoint.TenantryDescriptor descriptor) {
    return (Map<String, Object>) descriptor.audit();
  }

  @Test
  void anAuditResultIsShownAsItIs() {
    Object result = Map.of("status", "HOLES", "findings", 2);
    assertThat(read(() -> Optional.of(result)).audit()).isSameAs(result);
  }
}
