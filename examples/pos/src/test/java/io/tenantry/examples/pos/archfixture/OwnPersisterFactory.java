package io.tenantry.examples.pos.archfixture;

import java.util.Map;
import org.hibernate.persister.internal.PersisterFactoryInitiator;
import org.hibernate.persister.internal.StandardPersisterClassResolver;

/**
 * Breaks ArchitectureTest's persister rule on purpose: application code that chooses Hibernate's persisters itself
 * could choose ones without Tenantry's scoping.
 */
public class OwnPersisterFactory {

  public void chooseStandardPersisters(Map<String, Object> jpaProperties) {
    jpaProperties.put(PersisterFactoryInitiator.IMPL_NAME, new StandardPersisterClassResolver());
  }
}
