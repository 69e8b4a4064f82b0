package com.example.archfixture;

import io.tenantry.core.internal.Bindings;

/** Breaks LibraryRules on purpose: application code reading the internal binding. */
public class InternalsUser {

  public boolean systemAccess() {
    return Bindings.isSystemAccess();
  }
}
