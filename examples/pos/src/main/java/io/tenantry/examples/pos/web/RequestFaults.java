package io.tenantry.examples.pos.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What went wrong in the database during the current request, for the answer to take into account:
 * a transaction of the request failed in the database (a dropped connection, an aborted transaction).
 * Then no 4xx is answered: whatever the code concluded from a failed transaction ("not found") may be
 * false, and a 4xx tells a register its sale is bad. Kept as a request attribute, so it ends with the
 * request; outside a request (the demo loader) it is ignored.
 */
public final class RequestFaults {

  private static final String FAILED_TRANSACTION = RequestFaults.class.getName() + ".failedTransaction";

  private RequestFaults() {}

  /** Records that a transaction of the current request failed in the database. */
  public static void transactionFailed() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(FAILED_TRANSACTION, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
    }
  }

  static boolean transactionFailed(HttpServletRequest request) {
    return request.getAttribute(FAILED_TRANSACTION) != null;
  }
}
