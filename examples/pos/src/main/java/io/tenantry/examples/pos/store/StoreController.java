package io.tenantry.examples.pos.store;

import io.tenantry.core.model.MemberRole;
import io.tenantry.core.model.Register;
import io.tenantry.core.model.Store;
import io.tenantry.examples.pos.web.ApiProblem;
import io.tenantry.examples.pos.web.Caller;
import io.tenantry.examples.pos.web.Input;
import io.tenantry.spring.registerkey.IssuedRegisterKey;
import io.tenantry.spring.registerkey.RegisterKeys;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/stores} and {@code /api/stores/{storeId}/registers}. */
@RestController
@RequestMapping("/api/stores")
class StoreController {

  record NewStore(String name, String timezone) {}

  record StoreView(UUID id, String name, String timezone) {
    static StoreView of(Store s) {
      return new StoreView(s.getId(), s.getName(), s.getTimezone().getId());
    }
  }

  record NewRegister(String name) {}

  record RegisterView(UUID id, String name, UUID storeId, String apiKey) {}

  record KeyView(UUID id, java.time.Instant createdAt, java.time.Instant lastSeenAt, java.time.Instant revokedAt) {}

  record ListedRegister(UUID id, String name, List<KeyView> keys) {}

  private final StoreService stores;
  private final RegisterKeys registerKeys;

  StoreController(StoreService stores, RegisterKeys registerKeys) {
    this.stores = stores;
    this.registerKeys = registerKeys;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  StoreView create(@RequestBody NewStore body) {
    Caller.requireRole(MemberRole.OWNER);
    String name = Input.text(body.name(), "name", 200);
    String timezone = Input.text(body.timezone(), "timezone", 64);
    ZoneId zone;
    try {
      zone = Store.zone(timezone);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badRequest("'timezone' must be an IANA time zone such as America/Chicago; '" + timezone
          + "' is not one.");
    }
    return StoreView.of(stores.create(name, zone));
  }

  @GetMapping
  List<StoreView> list() {
    return stores.visible().stream().map(StoreView::of).toList();
  }

  /**
   * Creates a register and issues its key. The two are separate transactions (the starter writes the
   * key as the register, a narrower tenant than the caller's open session may switch to); should the
   * key fail, the register exists without one and a new register can be made.
   */
  @PostMapping("/{storeId}/registers")
  @ResponseStatus(HttpStatus.CREATED)
  RegisterView createRegister(@PathVariable UUID storeId, @RequestBody NewRegister body) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    String name = Input.text(body.name(), "name", 200);
    Register register = stores.createRegister(storeId, name);
    IssuedRegisterKey key = registerKeys.issue(register.getId());
    return new RegisterView(register.getId(), register.getName(), storeId, key.key());
  }

  /** The store's registers and their keys (never the keys themselves: only when they were issued, seen, revoked). */
  @GetMapping("/{storeId}/registers")
  List<ListedRegister> registers(@PathVariable UUID storeId) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    return stores.registers(storeId).stream().map(l -> new ListedRegister(l.register().getId(), l.register().getName(),
        l.keys().stream().map(k -> new KeyView(k.getId(), k.getCreatedAt(), k.getLastSeenAt(), k.getRevokedAt()))
            .toList())).toList();
  }

  /** Issues another key to a register (shown once); its earlier keys keep working until revoked. */
  @PostMapping("/{storeId}/registers/{registerId}/keys")
  @ResponseStatus(HttpStatus.CREATED)
  RegisterView issueKey(@PathVariable UUID storeId, @PathVariable UUID registerId) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    Register register = stores.requireRegister(storeId, registerId);
    IssuedRegisterKey key = registerKeys.issue(register.getId());
    return new RegisterView(register.getId(), register.getName(), storeId, key.key());
  }

  /** Revokes a register key: requests with it are refused from now on. */
  @DeleteMapping("/{storeId}/register-keys/{keyId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void revoke(@PathVariable UUID storeId, @PathVariable UUID keyId) {
    Caller.requireRole(MemberRole.OWNER, MemberRole.MANAGER);
    registerKeys.revoke(stores.requireKey(storeId, keyId).getId());
  }
}
