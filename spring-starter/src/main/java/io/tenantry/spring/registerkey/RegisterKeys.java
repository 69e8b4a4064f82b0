package io.tenantry.spring.registerkey;

import java.util.Optional;
import java.util.UUID;

/**
 * Register API keys: a register terminal sends its key in the {@code X-Register-Key} header and the
 * request runs as that register, its store and its company.
 *
 * <p>Define a bean of this type to replace the default {@link JpaRegisterKeys} (for example, to keep
 * keys in a secrets service); the request filter only needs {@link #resolve(String)}.
 */
public interface RegisterKeys {

  /**
   * Issues a new key for a register the bound tenant can see. The clear key is in the result and
   * nowhere else: it is not stored and cannot be shown again.
   *
   * @throws io.tenantry.core.NoTenantBoundException when no tenant is bound
   * @throws io.tenantry.core.TenantIsolationException when the register is not visible to the bound
   *     tenant (another company, a store outside the selection, or no such register)
   */
  IssuedRegisterKey issue(UUID registerId);

  /**
   * Revokes a key of the bound tenant; requests with it are refused from now on.
   *
   * @return whether a visible key was revoked now ({@code false}: no such key, or already revoked)
   * @throws io.tenantry.core.NoTenantBoundException when no tenant is bound
   */
  boolean revoke(UUID keyId);

  /**
   * The register a presented key belongs to, when the key is known and not revoked. Runs before any
   * tenant is known; records when the key was last seen.
   *
   * @param presentedKey the header value as received, possibly {@code null} or garbage
   */
  Optional<RegisterIdentity> resolve(String presentedKey);
}
