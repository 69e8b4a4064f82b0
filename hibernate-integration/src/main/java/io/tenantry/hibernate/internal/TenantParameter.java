package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.TenantScopeRequiredException.Scope;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.internal.SystemAccess;
import io.tenantry.core.model.internal.ScopeValues;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.sql.exec.internal.AbstractJdbcParameter;
import org.hibernate.sql.exec.spi.ExecutionContext;
import org.hibernate.sql.exec.spi.JdbcParameterBindings;

/**
 * A JDBC parameter of a tenant condition whose value is read from the tenant binding when the
 * statement is executed, not when the query is translated. This is what lets Hibernate cache the
 * translated SQL of a scoped query and reuse it for every tenant (Hibernate's own temporal
 * parameters work the same way). Stateless, so one cached statement serves every thread.
 */
final class TenantParameter extends AbstractJdbcParameter {

  /** Which value of the binding the parameter carries. */
  enum Kind {
    /** The bound company. */
    COMPANY,
    /** Lowest visible store in PostgreSQL's uuid order (the whole range when every store is visible). */
    STORES_LOW,
    /** Highest visible store. */
    STORES_HIGH,
    /** 1 when every store of the company is visible, else 0. */
    ALL_STORES,
    /** The visible stores as an array: the selected one, else the granted ones; never empty. */
    STORES,
    /** The bound register, else the lowest possible id (with REGISTER_HIGH: any register). */
    REGISTER_LOW,
    /** The bound register, else the highest possible id. */
    REGISTER_HIGH,
    /** The selected store: the stamp of a new row; none selected is refused. */
    SELECTED_STORE,
    /** The bound register: the stamp of a new row; none bound is refused. */
    SELECTED_REGISTER
  }

  private final Kind kind;

  TenantParameter(Kind kind, JdbcMapping jdbcMapping) {
    super(jdbcMapping);
    this.kind = kind;
  }

  @Override
  public void bindParameterValue(PreparedStatement statement, int startPosition, JdbcParameterBindings bindings,
      ExecutionContext executionContext) throws SQLException {
    Object value = value(tenant());
    if (kind == Kind.STORES) {
      // a uuid[] for "store_id = any (?)": one statement text for any number of visible stores
      statement.setObject(startPosition, value);
    } else {
      bindParameterValue(getJdbcMapping(), statement, value, startPosition, executionContext);
    }
  }

  private Object value(TenantContext ctx) {
    switch (kind) {
      case COMPANY:
        return ctx.companyId();
      case STORES_LOW:
        return ScopeValues.storeRange(ctx)[0];
      case STORES_HIGH:
        return ScopeValues.storeRange(ctx)[1];
      case ALL_STORES:
        return ScopeValues.allStores(ctx) ? 1 : 0;
      case STORES:
        return ScopeValues.stores(ctx);
      case REGISTER_LOW:
        return ctx.registerId().orElse(ScopeValues.LOWEST);
      case REGISTER_HIGH:
        return ctx.registerId().orElse(ScopeValues.HIGHEST);
      case SELECTED_STORE:
        return ctx.storeId().orElseThrow(() -> new TenantScopeRequiredException(Scope.STORE, "An HQL insert of "
            + "store-owned rows without storeId needs a selected store: bind one (TenantContext.ofStore / withStore) "
            + "or name one of the granted stores in the insert."));
      case SELECTED_REGISTER:
        return ctx.registerId().orElseThrow(() -> new TenantScopeRequiredException(Scope.REGISTER, "An HQL insert "
            + "of register-owned rows without registerId needs a register: bind one with TenantContext.ofRegister."));
      default:
        throw new IllegalStateException(kind.name());
    }
  }

  /** The bound tenant; fails closed, naming the fix, when there is none. */
  static TenantContext tenant() {
    SystemAccess access = Bindings.systemAccess();
    if (access != null) {
      throw new TenantIsolationException("System access (\"" + access.loggableReason() + "\") is "
          + "reading tenant-owned rows through a session opened for a tenant. Open the session (or the "
          + "transaction) inside Tenancy.runAsSystem(...), not before it.");
    }
    return Bindings.requireTenant("Reading a tenant-owned entity");
  }

  @Override
  public String toString() {
    return "TenantParameter(" + kind + ")";
  }
}
