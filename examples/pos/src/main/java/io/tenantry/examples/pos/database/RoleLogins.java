package io.tenantry.examples.pos.database;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The app and system logins with the passwords to connect with. A password that was not configured
 * is generated here and set by {@link RolePasswords} after the migrations.
 */
record RoleLogins(String appRole, String appPassword, String systemRole, String systemPassword,
    boolean generatedApp, boolean generatedSystem) {

  private static final SecureRandom RANDOM = new SecureRandom();

  static RoleLogins from(PosDatabaseProperties p) {
    boolean genApp = p.appPassword() == null || p.appPassword().isEmpty();
    boolean genSystem = p.systemPassword() == null || p.systemPassword().isEmpty();
    return new RoleLogins(p.appRole(), genApp ? randomPassword() : p.appPassword(),
        p.systemRole(), genSystem ? randomPassword() : p.systemPassword(), genApp, genSystem);
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "RoleLogins[app=" + appRole + ", system=" + systemRole + "]";
  }
}
