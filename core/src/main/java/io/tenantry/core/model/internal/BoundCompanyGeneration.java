package io.tenantry.core.model.internal;

import io.tenantry.core.NoTenantBoundException;
import io.tenantry.core.TenantContext;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.SystemAccess;
import io.tenantry.core.TenantIsolationException;
import java.util.EnumSet;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.EventTypeSets;

/**
 * The generator behind {@link BoundCompany}: a value the row already carries is kept (Tenantry's
 * write guard checks it against the binding); otherwise the bound company.
 */
public final class BoundCompanyGeneration implements BeforeExecutionGenerator {

  private static final long serialVersionUID = 1L;

  @Override
  public EnumSet<EventType> getEventTypes() {
    return EventTypeSets.INSERT_ONLY;
  }

  @Override
  public Object generate(SharedSessionContractImplementor session, Object owner, Object currentValue,
      EventType eventType) {
    if (currentValue != null) {
      return currentValue;
    }
    Object binding = Bindings.current();
    if (binding instanceof TenantContext) {
      return ((TenantContext) binding).companyId();
    }
    if (binding instanceof SystemAccess) {
      throw new TenantIsolationException("Inserting tenant-owned rows during system access (\""
          + ((SystemAccess) binding).reason() + "\") is refused: writes need a tenant. Wrap the write in "
          + "Tenancy.run(TenantContext.ofCompany(companyId), ...) inside the system task.");
    }
    throw new NoTenantBoundException("Inserting a tenant-owned row");
  }
}
