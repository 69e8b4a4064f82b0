package io.tenantry.spring.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Spring Security's firewall refusals ({@code //}, {@code ..}, {@code ;}, an encoded {@code /}, control
 * characters in the URL or a header) as a 400 problem, like every other refusal the starter writes. The
 * detail is fixed text: the rejected value is not echoed.
 *
 * <p>Internal.
 */
public final class ProblemRequestRejectedHandler implements RequestRejectedHandler {

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response,
      RequestRejectedException rejected) throws IOException {
    Problems.write(request, response, HttpServletResponse.SC_BAD_REQUEST, "Bad Request",
        "The request was refused: its URL or a header holds something not allowed (such as '//', '..', ';', "
            + "an encoded '/' or a control character).");
  }
}
