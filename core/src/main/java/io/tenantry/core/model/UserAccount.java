package io.tenantry.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Locale;
import java.util.UUID;
import org.hibernate.annotations.UuidGenerator;

/**
 * A login identity: an email and a password hash. Global on purpose, because one person may belong
 * to several companies; what a user may do in a company is a {@link Membership}, which is tenant
 * data. Table {@code tenantry_user_account}.
 */
@Entity
@Table(name = "tenantry_user_account")
@SharedAcrossTenants("a person logs in once and may be a member of several companies")
public class UserAccount {

  @Id
  @UuidGenerator(style = UuidGenerator.Style.VERSION_7)
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "email", nullable = false, unique = true, length = 320)
  private String email;

  @Column(name = "password_hash", length = 200)
  private String passwordHash;

  /** For JPA. */
  protected UserAccount() {}

  /** A new login; the email is stored lower-case. */
  public UserAccount(String email, String passwordHash) {
    this.email = normalizeEmail(email);
    this.passwordHash = passwordHash;
  }

  /** Lower-cases and checks an email address the way logins compare them. */
  public static String normalizeEmail(String email) {
    if (email == null || email.isBlank() || email.length() > 320 || email.indexOf('@') < 1) {
      throw new IllegalArgumentException("A login needs a valid email address (at most 320 characters)");
    }
    return email.strip().toLowerCase(Locale.ROOT);
  }

  /** The id. */
  public UUID getId() {
    return id;
  }

  /** The lower-case email. */
  public String getEmail() {
    return email;
  }

  /** The password hash (never the password). */
  public String getPasswordHash() {
    return passwordHash;
  }

  /** Replaces the password hash. */
  public void changePasswordHash(String passwordHash) {
    this.passwordHash = passwordHash;
  }
}
