package io.tenantry.spring.registerkey;

import java.util.UUID;

/**
 * Test access to the directory cache of a {@link JpaRegisterKeys} (package-private in the starter): whether a key's
 * location is kept, how many are, and an entry written by hand, to attack the cache with a wrong one.
 */
public final class RegisterKeyCaches {

  private RegisterKeyCaches() {}

  /** Whether a location is kept for this presented key. */
  public static boolean holds(RegisterKeys keys, String presentedKey) {
    return cache(keys).get(KeyMaterial.hash(presentedKey)) != null;
  }

  /** How many locations are kept. */
  public static int size(RegisterKeys keys) {
    return cache(keys).size();
  }

  /** Makes the cache send this presented key to the given key row, whatever the directory says. */
  public static void point(RegisterKeys keys, String presentedKey, UUID keyId, UUID companyId) {
    cache(keys).confirmed(KeyMaterial.hash(presentedKey), new KeyDirectoryCache.Location(keyId, companyId));
  }

  private static KeyDirectoryCache cache(RegisterKeys keys) {
    if (!(keys instanceof JpaRegisterKeys jpa)) {
      throw new IllegalArgumentException("not JpaRegisterKeys: " + keys);
    }
    return jpa.directoryCache();
  }
}
