package io.tenantry.core.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * A location of one company, "where business logic lives": its own address, hours, timezone,
 * employees and price overrides. Table {@code tenantry_store}. A principal sees the stores it is
 * granted (the selected one when a store is bound).
 */
@Entity
@Table(name = "tenantry_store")
public class Store extends CompanyOwned {

  @Column(name = "name", nullable = false, length = 200)
  private String name;

  @Column(name = "timezone", nullable = false, length = 64)
  private String timezone;

  @Column(name = "address", length = 500)
  private String address;

  /** For JPA. */
  protected Store() {}

  /** A new store of the bound company. */
  public Store(String name, ZoneId timezone) {
    this.name = Names.require(name, "store name");
    this.timezone = requireZone(timezone).getId();
  }

  private static ZoneId requireZone(ZoneId zone) {
    if (zone == null) {
      throw new IllegalArgumentException("A store needs a timezone, e.g. ZoneId.of(\"America/Chicago\")");
    }
    return zone;
  }

  /** Parses an IANA timezone name, with a message that says what is wrong. */
  public static ZoneId zone(String timezone) {
    try {
      return ZoneId.of(timezone);
    } catch (DateTimeException | NullPointerException e) {
      throw new IllegalArgumentException(
          "Unknown timezone '" + timezone + "': use an IANA name such as America/Chicago or Europe/Madrid", e);
    }
  }

  /** The display name, e.g. "Main St". */
  public String getName() {
    return name;
  }

  /** The store's timezone: business days and reports are counted in it. */
  public ZoneId getTimezone() {
    return ZoneId.of(timezone);
  }

  /** The postal address, if recorded. */
  public String getAddress() {
    return address;
  }

  /** Records the postal address (at most 500 characters). */
  public void setAddress(String address) {
    if (address != null && address.length() > 500) {
      throw new IllegalArgumentException("A store address has at most 500 characters");
    }
    this.address = address;
  }

  /** Renames the store. */
  public void rename(String name) {
    this.name = Names.require(name, "store name");
  }
}
