package io.tenantry.core.model.internal;

import io.tenantry.core.internal.Bindings;
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
    return Bindings.requireTenantForWrite("Inserting a tenant-owned row").companyId();
  }
}
