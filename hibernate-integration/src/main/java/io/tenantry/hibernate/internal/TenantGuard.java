package io.tenantry.hibernate.internal;

import io.tenantry.core.TenantContext;
import io.tenantry.core.TenantIsolationException;
import io.tenantry.core.TenantScopeRequiredException;
import io.tenantry.core.TenantScopeRequiredException.Scope;
import io.tenantry.core.internal.Bindings;
import io.tenantry.core.model.Company;
import io.tenantry.core.model.TenantSetting;
import io.tenantry.hibernate.TenantryTenantIdentifierResolver;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.Hibernate;
import org.hibernate.HibernateException;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.event.spi.AbstractPreDatabaseOperationEvent;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.Status;
import org.hibernate.event.spi.FlushEntityEvent;
import org.hibernate.event.spi.FlushEntityEventListener;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.PreCollectionRecreateEvent;
import org.hibernate.event.spi.PreCollectionRecreateEventListener;
import org.hibernate.event.spi.PreCollectionRemoveEvent;
import org.hibernate.event.spi.PreCollectionRemoveEventListener;
import org.hibernate.event.spi.PreCollectionUpdateEvent;
import org.hibernate.event.spi.PreCollectionUpdateEventListener;
import org.hibernate.event.spi.LoadEventListener;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.event.spi.PreDeleteEvent;
import org.hibernate.event.spi.PreDeleteEventListener;
import org.hibernate.event.spi.PreInsertEvent;
import org.hibernate.event.spi.PreInsertEventListener;
import org.hibernate.event.spi.PreUpdateEvent;
import org.hibernate.event.spi.PreUpdateEventListener;
import org.hibernate.event.spi.PreUpsertEvent;
import org.hibernate.event.spi.PreUpsertEventListener;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The write side of the first wall, and a check on everything loaded. Reads are scoped by
 * Tenantry's persisters ({@link TenantRestriction}); this listener
 * <ul>
 *   <li>stamps store and register on insert and refuses rows of another company, store or register;</li>
 *   <li>refuses updates, deletes and upserts of rows the bound tenant cannot see (reading the row's
 *       tenant columns from the database when Hibernate has no loaded state, as for StatelessSession);</li>
 *   <li>refuses any change of a tenant column of a managed entity at flush, also when nothing else
 *       changed (the columns are not updatable, so Hibernate's dirty check would silently skip it);</li>
 *   <li>refuses work in a session whose tenant is not the bound one (a switch inside an open session);</li>
 *   <li>checks every loaded or persistence-context entity against the bound tenant.</li>
 * </ul>
 * Every refusal throws before SQL is sent, so nothing is written.
 */
final class TenantGuard implements PreInsertEventListener, PreUpdateEventListener, PreDeleteEventListener,
    PreUpsertEventListener, PostLoadEventListener, LoadEventListener, AutoFlushEventListener,
    FlushEntityEventListener, PreCollectionRecreateEventListener, PreCollectionUpdateEventListener,
    PreCollectionRemoveEventListener {

  private static final long serialVersionUID = 1L;

  private final transient ConcurrentHashMap<String, OwnedEntityMetadata> metadata = new ConcurrentHashMap<>();

  private OwnedEntityMetadata meta(EntityPersister persister) {
    return metadata.computeIfAbsent(persister.getEntityName(), n -> new OwnedEntityMetadata(persister));
  }

  // ---- session tenant --------------------------------------------------------------------------

  static void checkSessionTenant(SharedSessionContractImplementor session) {
    Object opened = session.getTenantIdentifierValue();
    UUID now = TenantryTenantIdentifierResolver.currentSessionTenant();
    if (!now.equals(opened)) {
      throw new TenantIsolationException(
          "This Hibernate session was opened for " + describe(opened) + " but the bound tenant is now "
              + describe(now) + ". Switching tenant inside an open session or transaction is refused: finish "
              + "the unit of work, then open a new session or transaction inside Tenancy.run(newContext, ...).");
    }
  }

  private static String describe(Object sessionTenant) {
    if (TenantryTenantIdentifierResolver.NO_TENANT.equals(sessionTenant)) {
      return "no tenant";
    }
    if (TenantryTenantIdentifierResolver.SYSTEM.equals(sessionTenant)) {
      return "system access";
    }
    return "company " + sessionTenant;
  }

  private static TenantContext tenantForWrite(String what) {
    return Bindings.requireTenantForWrite(what);
  }

  // ---- inserts ---------------------------------------------------------------------------------

  @Override
  public boolean onPreInsert(PreInsertEvent event) {
    Object entity = event.getEntity();
    if (OwnedEntityMetadata.ownedInstance(entity)) {
      checkSessionTenant(event.getSession());
      String what = "Inserting " + entity.getClass().getSimpleName();
      TenantContext ctx = tenantForWrite(what);
      stampAndCheckNewRow(ctx, event.getPersister(), entity, event.getState(), what);
    } else if (entity instanceof Company && !Bindings.isSystemAccess()) {
      throw new TenantIsolationException("Creating a Company is platform work: run it inside "
          + "Tenancy.runAsSystem(\"<why>\", ...) (for example, at sign-up), then bind the new company to fill it.");
    }
    return false;
  }

  private void stampAndCheckNewRow(TenantContext ctx, EntityPersister persister, Object entity, Object[] state,
      String what) {
    OwnedEntityMetadata m = meta(persister);
    Object company = state[m.company];
    if (company == null) {
      // the company stamp would fill the column when the row is written; do it now so the entity shows it too
      stamp(persister, entity, state, m.company, ctx.companyId());
    } else if (!ctx.companyId().equals(company)) {
      throw new TenantIsolationException(what + " for company " + company + " while company " + ctx.companyId()
          + " is bound is refused: rows are always created in the bound company.");
    }
    if (m.store >= 0) {
      UUID store = (UUID) state[m.store];
      if (store == null) {
        store = ctx.storeId().orElseThrow(() -> new TenantScopeRequiredException(Scope.STORE, what
            + " needs a store: bind one (TenantContext.ofStore / withStore) or choose one of the granted stores "
            + "on the entity before persisting it."));
        stamp(persister, entity, state, m.store, store);
      } else if (!ctx.canSee(store)) {
        throw new TenantIsolationException(what + " for store " + store + " is refused: it is not "
            + (ctx.storeId().isPresent() ? "the selected store " + ctx.storeId().get() : "among the granted stores")
            + ".");
      }
    }
    if (m.register >= 0) {
      UUID register = (UUID) state[m.register];
      if (register == null) {
        register = ctx.registerId().orElseThrow(() -> new TenantScopeRequiredException(Scope.REGISTER, what
            + " needs a register: bind one with TenantContext.ofRegister(company, store, register)."));
        stamp(persister, entity, state, m.register, register);
      } else if (ctx.registerId().isPresent() && !ctx.registerId().get().equals(register)) {
        throw new TenantIsolationException(what + " for register " + register + " is refused: register "
            + ctx.registerId().get() + " is bound.");
      }
    }
    if (entity instanceof TenantSetting) {
      UUID store = ((TenantSetting) entity).getStoreId();
      if (store != null && !ctx.canSee(store)) {
        throw new TenantIsolationException(what + " for store " + store + " is refused: the store is not visible.");
      }
    }
  }

  private static void stamp(EntityPersister persister, Object entity, Object[] state, int index, UUID value) {
    state[index] = value;
    persister.setValue(entity, index, value);
  }

  // ---- updates, deletes, upserts ------------------------------------------------------------------

  @Override
  public boolean onPreUpdate(PreUpdateEvent event) {
    Object entity = event.getEntity();
    if (OwnedEntityMetadata.ownedInstance(entity)) {
      String what = describe("Updating", event);
      RowTenant before = visibleRowBefore(event, event.getOldState(), what);
      if (event.getOldState() != null) {
        requireStoredTenant(event, before, what);
      }
      RowTenant after = meta(event.getPersister()).tenantOf(event.getState());
      if (!before.equals(after)) {
        throw new TenantIsolationException(what + " would change its tenant columns (company, store, register) from "
            + before + " to " + after + ". Tenant columns never change: create "
            + "the row again in the other store instead.");
      }
    } else if (entity instanceof Company) {
      checkCompanyVisible((Company) entity, "Updating a Company");
    }
    return false;
  }

  /**
   * Runs after Hibernate's own dirty check of each managed entity. Tenant columns are mapped
   * {@code updatable = false}, so Hibernate leaves them out of the dirty check and would silently keep
   * the old value; a changed tenant column is a bug or an attack, and is refused.
   */
  @Override
  public void onFlushEntity(FlushEntityEvent event) {
    Object entity = event.getEntity();
    EntityEntry entry = event.getEntityEntry();
    if (!OwnedEntityMetadata.ownedInstance(entity) || entry.getStatus() != Status.MANAGED || entry.getLoadedState() == null) {
      return;
    }
    EntityPersister persister = entry.getPersister();
    Object[] now = event.getPropertyValues() != null ? event.getPropertyValues() : persister.getValues(entity);
    String changed = meta(persister).changedTenantProperties(persister, entry.getLoadedState(), now);
    if (!changed.isEmpty()) {
      throw new TenantIsolationException("Updating " + entity.getClass().getSimpleName() + " " + entry.getId()
          + " would change its tenant columns (" + changed + "). Tenant columns never change: create the row "
          + "again in the other store instead.");
    }
  }

  /**
   * For entities whose UPDATE or DELETE can reach a table without the tenant columns first (a
   * secondary table, a JOINED subclass table) or whose tenant Hibernate cannot put into the statement
   * (TABLE_PER_CLASS), the row's tenant in the database must still be the one it was loaded with;
   * other entities carry it in the statement itself ({@link MutationScoping}).
   */
  private void requireStoredTenant(AbstractPreDatabaseOperationEvent event, RowTenant loaded, String what) {
    EntityPersister persister = event.getPersister();
    boolean needed = persister instanceof org.hibernate.persister.entity.UnionSubclassEntityPersister
        || persister instanceof AbstractEntityPersister && ((AbstractEntityPersister) persister).getTableMappings().length > 1;
    if (!needed) {
      return;
    }
    RowTenant stored = tenantColumnsOrNull(event.getSession(), meta(persister), event.getId());
    if (!loaded.equals(stored)) {
      throw new org.hibernate.StaleStateException(what + " is refused: the row no longer has the tenant "
          + "(company, store, register) it was loaded with (now " + (stored == null ? "absent" : stored)
          + "): it was deleted, or its id now belongs to another tenant's row, which Tenantry never touches. "
          + "Load it again inside the bound tenant.");
    }
  }

  @Override
  public boolean onPreDelete(PreDeleteEvent event) {
    Object entity = event.getEntity();
    if (OwnedEntityMetadata.ownedInstance(entity)) {
      String what = describe("Deleting", event);
      RowTenant before = visibleRowBefore(event, event.getDeletedState(), what);
      if (event.getDeletedState() != null) {
        requireStoredTenant(event, before, what);
      }
    } else if (entity instanceof Company) {
      checkCompanyVisible((Company) entity, "Deleting a Company");
    }
    return false;
  }

  private static String describe(String verb, AbstractPreDatabaseOperationEvent event) {
    return verb + " " + event.getEntity().getClass().getSimpleName() + " " + event.getId();
  }

  /**
   * The tenant columns of the row as it is (from Hibernate's loaded state, else from the database),
   * after checking that the session and the row belong to the bound tenant.
   */
  private RowTenant visibleRowBefore(AbstractPreDatabaseOperationEvent event, Object[] loadedState, String what) {
    checkSessionTenant(event.getSession());
    TenantContext ctx = tenantForWrite(what);
    OwnedEntityMetadata m = meta(event.getPersister());
    RowTenant before = loadedState != null
        ? m.tenantOf(loadedState)
        : tenantColumnsInDatabase(event.getSession(), m, event.getId(), what);
    requireVisible(ctx, before, what);
    return before;
  }

  @Override
  public boolean onPreUpsert(PreUpsertEvent event) {
    Object entity = event.getEntity();
    if (OwnedEntityMetadata.ownedInstance(entity)) {
      checkSessionTenant(event.getSession());
      String what = describe("Upserting", event);
      TenantContext ctx = tenantForWrite(what);
      OwnedEntityMetadata m = meta(event.getPersister());
      RowTenant existing = tenantColumnsOrNull(event.getSession(), m, event.getId());
      if (existing != null) {
        requireVisible(ctx, existing, what);
      }
      stampAndCheckNewRow(ctx, event.getPersister(), entity, event.getState(), what);
      if (existing != null && !existing.equals(m.tenantOf(event.getState()))) {
        throw new TenantIsolationException(what + " would change its tenant columns; tenant columns never change.");
      }
    }
    return false;
  }

  private static void requireVisible(TenantContext ctx, RowTenant tenant, String what) {
    if (!visible(ctx, tenant.company(), tenant.store(), tenant.register())) {
      throw new TenantIsolationException(what + " is refused: the row does not belong to the bound tenant "
          + "(another company, or a store or register outside the current selection).");
    }
  }

  static boolean visible(TenantContext ctx, UUID company, UUID store, UUID register) {
    return ctx.companyId().equals(company)
        && (store == null || ctx.canSee(store))
        && (register == null || ctx.registerId().map(register::equals).orElse(true));
  }

  private static RowTenant tenantColumnsInDatabase(SharedSessionContractImplementor session, OwnedEntityMetadata m,
      Object id, String what) {
    RowTenant found = tenantColumnsOrNull(session, m, id);
    if (found == null) {
      throw new TenantIsolationException(what + " is refused: no such row in the bound tenant.");
    }
    return found;
  }

  /** Reads the row's tenant columns with plain JDBC on the session's connection (no filters). */
  static RowTenant tenantColumnsOrNull(SharedSessionContractImplementor session, OwnedEntityMetadata m,
      Object id) {
    Connection connection = session.getJdbcCoordinator().getLogicalConnection().getPhysicalConnection();
    try (PreparedStatement ps = connection.prepareStatement(m.selectTenantColumnsSql())) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new RowTenant(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class));
      }
    } catch (SQLException e) {
      throw new HibernateException("Tenantry could not read the tenant columns of " + m.table + " " + id, e);
    }
  }

  // ---- collections ------------------------------------------------------------------------------

  @Override
  public void onPreRecreateCollection(PreCollectionRecreateEvent event) {
    checkCollectionOwner(event, "Writing the collection", false);
  }

  @Override
  public void onPreUpdateCollection(PreCollectionUpdateEvent event) {
    checkCollectionOwner(event, "Updating the collection", true);
  }

  @Override
  public void onPreRemoveCollection(PreCollectionRemoveEvent event) {
    checkCollectionOwner(event, "Removing the collection", true);
  }

  /**
   * Collection rows (element collections, join tables) carry no tenant column: a write to them is
   * allowed only while the owner row still has, in the database, the visible tenant it was loaded with.
   */
  private void checkCollectionOwner(AbstractCollectionEvent event, String verb, boolean existingRows) {
    Object owner = event.getAffectedOwnerOrNull();
    if (!OwnedEntityMetadata.ownedInstance(owner) || event.getCollectionPersister().isInverse()) {
      return;
    }
    checkSessionTenant(event.getSession());
    String what = verb + " " + event.getCollection().getRole() + " of " + owner.getClass().getSimpleName() + " "
        + event.getAffectedOwnerIdOrNull();
    TenantContext ctx = tenantForWrite(what);
    EntityPersister persister = event.getSession().getEntityPersister(event.getAffectedOwnerEntityName(), owner);
    OwnedEntityMetadata m = meta(persister);
    EntityEntry entry = event.getSession().getPersistenceContextInternal().getEntry(owner);
    RowTenant loaded = entry != null && entry.getLoadedState() != null ? m.tenantOf(entry.getLoadedState())
        : m.tenantOf(persister.getValues(owner));
    requireVisible(ctx, loaded, what);
    if (!existingRows || entry != null && entry.getStatus() == Status.DELETED) {
      return; // rows written for a new owner; or the owner's own DELETE carries the tenant condition
    }
    RowTenant stored = tenantColumnsOrNull(event.getSession(), m, event.getAffectedOwnerIdOrNull());
    if (!loaded.equals(stored)) {
      throw new org.hibernate.StaleStateException(what + " is refused: the owner row no longer has the tenant "
          + "(company, store, register) it was loaded with (now " + (stored == null ? "absent or invisible"
          : stored) + "): it was deleted, or its id now belongs to another tenant's row, which "
          + "Tenantry never touches. Load it again inside the bound tenant.");
    }
  }

  // ---- loads -------------------------------------------------------------------------------------

  @Override
  public void onPostLoad(PostLoadEvent event) {
    Object entity = event.getEntity();
    checkLoaded(entity, event.getPersister() != null || !OwnedEntityMetadata.ownedInstance(entity)
        ? event.getPersister() : event.getSession().getEntityPersister(null, entity));
  }

  @Override
  public void onLoad(LoadEvent event, LoadType loadType) {
    Object result = event.getResult();
    if (result != null && Hibernate.isInitialized(result)) {
      Object entity = Hibernate.unproxy(result);
      checkLoaded(entity, OwnedEntityMetadata.ownedInstance(entity)
          ? event.getSession().getEntityPersister(null, entity) : null);
    }
  }

  @Override
  public void onAutoFlush(AutoFlushEvent event) {
    checkSessionTenant(event.getSession());
  }

  private void checkLoaded(Object entity, EntityPersister persister) {
    if (OwnedEntityMetadata.ownedInstance(entity)) {
      if (Bindings.isSystemAccess()) {
        return;
      }
      TenantContext ctx = Bindings.requireTenant("Loading " + entity.getClass().getSimpleName());
      RowTenant row = meta(persister).tenantOf(persister, entity);
      if (!visible(ctx, row.company(), row.store(), row.register())) {
        throw new TenantIsolationException("A " + entity.getClass().getSimpleName() + " of another tenant reached "
            + "this session (the bound tenant changed while the session was open?). Open a new session or "
            + "transaction inside Tenancy.run(newContext, ...).");
      }
    } else if (entity instanceof Company) {
      checkCompanyVisible((Company) entity, "Loading a Company");
    }
  }

  private static void checkCompanyVisible(Company company, String what) {
    if (Bindings.isSystemAccess()) {
      return;
    }
    if (!Objects.equals(Bindings.requireTenant(what).companyId(), company.getId())) {
      throw new TenantIsolationException(what + " of another tenant is refused.");
    }
  }
}
