package io.tenantry.examples.pos.database;

import io.tenantry.core.UnscopedAccess;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * After every migrate (also when there was nothing to migrate), sets the generated passwords of the
 * app and system roles, on the owner's connection. Passwords that were configured are left alone.
 */
@UnscopedAccess("DDL on roles, as the owner, after the migrations; touches no tenant table")
final class RolePasswords implements Callback {

  private final RoleLogins logins;

  RolePasswords(RoleLogins logins) {
    this.logins = logins;
  }

  @Override
  public boolean supports(Event event, Context context) {
    return event == Event.AFTER_MIGRATE;
  }

  @Override
  public boolean canHandleInTransaction(Event event, Context context) {
    return true;
  }

  @Override
  public void handle(Event event, Context context) {
    try (Statement statement = context.getConnection().createStatement()) {
      // role names are validated identifiers, passwords base64url: nothing to escape
      if (logins.generatedApp()) {
        statement.execute("alter role " + logins.appRole() + " password '" + logins.appPassword() + "'");
      }
      if (logins.generatedSystem()) {
        statement.execute("alter role " + logins.systemRole() + " password '" + logins.systemPassword() + "'");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not set the passwords of roles " + logins.appRole() + " and "
          + logins.systemRole() + " (" + e.getMessage() + "): the owner login needs CREATEROLE, or configure "
          + "pos.database.app-password and pos.database.system-password for roles your DBA manages", e);
    }
  }

  @Override
  public String getCallbackName() {
    return "pos-role-passwords";
  }
}
