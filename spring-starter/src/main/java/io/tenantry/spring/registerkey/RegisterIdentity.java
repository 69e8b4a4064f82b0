package io.tenantry.spring.registerkey;

import io.tenantry.core.TenantContext;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * Who a valid register key speaks for: one register of one store of one company.
 *
 * @param keyId the key that was presented
 * @param companyId the register's company
 * @param storeId the register's store
 * @param registerId the register
 */
public record RegisterIdentity(UUID keyId, UUID companyId, UUID storeId, UUID registerId) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Requires every id. */
  public RegisterIdentity {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(storeId, "storeId");
    Objects.requireNonNull(registerId, "registerId");
  }

  /** The principal name used in the tenant context and logs: {@code register:<id>}. */
  public String principalName() {
    return "register:" + registerId;
  }

  /** The tenant context of a request made with this key: the register, its store, its company. */
  public TenantContext toContext() {
    return TenantContext.builder(companyId).store(storeId).register(registerId).principal(principalName()).build();
  }
}
