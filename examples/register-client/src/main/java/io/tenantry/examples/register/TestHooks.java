package io.tenantry.examples.register;

/**
 * Deterministic crash points for the tests, which run the CLI as a separate JVM: the system
 * property {@value #PROPERTY} makes the process halt (like {@code kill -9}: no shutdown hooks, no
 * rollback by this code) at the named point. Unset in normal use, when every method is a no-op.
 *
 * <ul>
 *   <li>{@code push-after-response:N} — after the server answered the N-th sale of a push, before
 *       the local journal records it: the worst moment, the sale is on the server but pending here;
 *   <li>{@code sync-before-commit} — inside the sync transaction, after every change was written.
 * </ul>
 */
final class TestHooks {

  static final String PROPERTY = "tenantry.register.test.halt";
  /** The exit status of a halted process. */
  static final int HALT_STATUS = 99;

  private TestHooks() {}

  static void afterSaleResponse(int answered) {
    if (("push-after-response:" + answered).equals(System.getProperty(PROPERTY))) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }

  static void beforeSyncCommit() {
    if ("sync-before-commit".equals(System.getProperty(PROPERTY))) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }
}
