package io.tenantry.core.model;

/** What a member may do in a company. */
public enum MemberRole {
  /** Sees and manages every store of the company. */
  OWNER,
  /** Manages the stores granted. */
  MANAGER,
  /** Sells at the stores granted (usually one). */
  CASHIER
}
