package io.tenantry.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * One value of a hierarchical setting (tax rate, receipt footer, …) defined for the company, a
 * store or a register; the most specific one wins. Table {@code tenantry_setting}. Read through
 * {@code io.tenantry.hibernate.TenantSettings}, which resolves register → store → company in one
 * query.
 */
@Entity
@Table(name = "tenantry_setting")
public class TenantSetting extends CompanyOwned {

  /** Longest setting name. */
  public static final int MAX_KEY = 100;
  /** Longest setting value. */
  public static final int MAX_VALUE = 4000;

  @Column(name = "store_id", updatable = false)
  private UUID storeId;

  @Column(name = "register_id", updatable = false)
  private UUID registerId;

  @Column(name = "setting_key", nullable = false, length = MAX_KEY, updatable = false)
  private String key;

  @Column(name = "setting_value", nullable = false, length = MAX_VALUE)
  private String value;

  /** For JPA. */
  protected TenantSetting() {}

  /** A value at company level ({@code store == null}), store level, or register level. */
  public TenantSetting(UUID storeId, UUID registerId, String key, String value) {
    if (registerId != null && storeId == null) {
      throw new IllegalArgumentException("A register-level setting needs its store as well");
    }
    this.storeId = storeId;
    this.registerId = registerId;
    this.key = requireKey(key);
    setValue(value);
  }

  /** Checks a setting name. */
  public static String requireKey(String key) {
    if (key == null || key.isBlank() || key.length() > MAX_KEY) {
      throw new IllegalArgumentException("A setting key has 1 to " + MAX_KEY + " characters, e.g. \"tax.rate\"");
    }
    return key;
  }

  /** The store, or {@code null} for a company-level value. */
  public UUID getStoreId() {
    return storeId;
  }

  /** The register, or {@code null}. */
  public UUID getRegisterId() {
    return registerId;
  }

  /** The setting name. */
  public String getKey() {
    return key;
  }

  /** The value. */
  public String getValue() {
    return value;
  }

  /** Replaces the value (at most {@value #MAX_VALUE} characters). */
  public void setValue(String value) {
    if (value == null || value.length() > MAX_VALUE) {
      throw new IllegalArgumentException("A setting value is required and has at most " + MAX_VALUE + " characters");
    }
    this.value = value;
  }
}
