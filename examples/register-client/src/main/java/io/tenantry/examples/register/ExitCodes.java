package io.tenantry.examples.register;

import java.util.LinkedHashMap;
import java.util.Map;

/** What each exit code of {@code register} means; {@code --help} of every command lists them. */
public final class ExitCodes {

  /** Done. */
  public static final int OK = 0;
  /** A bug: the message and stack trace say where. */
  public static final int SOFTWARE = 1;
  /** Wrong arguments (picocli's own code for usage errors). */
  public static final int USAGE = 2;
  /** The local database is missing, not initialised, not this tool's, for another register, or damaged. */
  public static final int LOCAL_DATABASE = 3;
  /** The server did not answer after every retry; nothing local was lost, run the command again later. */
  public static final int SERVER_UNREACHABLE = 4;
  /** The server refused this register (key unknown or revoked) or answered for another store or register. */
  public static final int SERVER_REFUSED = 5;
  /** Every sale landed, but the server's total of some differs from the local one (listed). */
  public static final int TOTALS_DIFFER = 6;
  /** The server rejected some sales for their content (listed; kept, not sent again). */
  public static final int SALES_REJECTED = 7;
  /** A sale could not be recorded: unknown SKU, or no catalog synced yet. */
  public static final int NOT_SELLABLE = 8;
  /**
   * The server failed (HTTP 500) on some sales after every retry; they stay pending for the next push, and
   * the other sales were pushed.
   */
  public static final int SALES_FAILED_ON_SERVER = 9;

  private ExitCodes() {}

  static Map<String, String> help() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put(" " + OK, "done");
    codes.put(" " + SOFTWARE, "a bug (stack trace printed)");
    codes.put(" " + USAGE, "wrong arguments");
    codes.put(" " + LOCAL_DATABASE, "local database missing, foreign, for another register, or damaged");
    codes.put(" " + SERVER_UNREACHABLE, "server unreachable after retries (nothing lost; try again later)");
    codes.put(" " + SERVER_REFUSED, "server refused the register key, or answered for another store/register");
    codes.put(" " + TOTALS_DIFFER, "push: all landed, but some server totals differ from the local ones");
    codes.put(" " + SALES_REJECTED, "push: the server rejected some sales (kept, listed by status)");
    codes.put(" " + NOT_SELLABLE, "sell: unknown SKU, or the catalog was never synced");
    codes.put(" " + SALES_FAILED_ON_SERVER, "push: the server failed (500) on some sales; kept pending, others pushed");
    return codes;
  }
}
