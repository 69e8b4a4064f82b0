package io.tenantry.spring.web;

import io.tenantry.core.TenantContext;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Applies {@code X-Store-Id}: one store, only among the principal's grants. A store of another
 * company, an unknown store and an existing store outside the grants all get the same 403, so the
 * answer never tells whether a store exists.
 */
final class StoreSelection {

  private static final String NOT_GRANTED =
      "The store named in " + TenantHeaders.STORE_ID + " is not among the stores you may see.";

  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final CompanyStores companyStores;
  private final boolean selectSingleStore;

  StoreSelection(CompanyStores companyStores, boolean selectSingleStore) {
    this.companyStores = companyStores;
    this.selectSingleStore = selectSingleStore;
  }

  TenantContext apply(TenantContext caller, String header) throws Refusal {
    if (header == null) {
      return selectSingleStore && caller.storeId().isEmpty() && !caller.allStoresGranted()
          && caller.grantedStoreIds().size() == 1
          ? caller.withStore(caller.grantedStoreIds().iterator().next())
          : caller;
    }
    UUID store = parse(header);
    if (caller.registerId().isPresent() || caller.storeId().isPresent()) {
      // a register (or a principal already bound to one store) cannot switch
      if (caller.storeId().get().equals(store)) {
        return caller;
      }
      throw Refusal.forbidden(NOT_GRANTED);
    }
    if (!caller.isGranted(store)) {
      throw Refusal.forbidden(NOT_GRANTED);
    }
    if (caller.allStoresGranted() && !companyStores.exists(caller, store)) {
      throw Refusal.forbidden(NOT_GRANTED);
    }
    return caller.withStore(store);
  }

  private static UUID parse(String header) throws Refusal {
    String value = header.strip();
    if (UUID_TEXT.matcher(value).matches()) {
      return UUID.fromString(value);
    }
    throw Refusal.badRequest(TenantHeaders.STORE_ID + " must be one store id, a UUID such as "
        + "3f2b8c4e-1d2a-4c5b-9e8f-0a1b2c3d4e5f.");
  }
}
