package io.tenantry.spring.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error path ({@code /error}) as RFC 9457 problem details instead of Spring Boot's
 * own JSON or HTML: what reaches it was answered outside Spring MVC's exception handling (a filter's
 * {@code sendError}, an exception thrown in a filter). A 5xx never carries the exception's message.
 *
 * <p>Internal; replace it with an {@code ErrorController} bean of your own.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public final class ProblemErrorController implements ErrorController {

  private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problems.MEDIA_TYPE + ";charset=UTF-8");

  /** Any method, any accepted type: the answer is always a problem. */
  @RequestMapping
  public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    HttpStatus status = status(request);
    ProblemDetail problem = ProblemDetail.forStatus(status);
    problem.setType(URI.create("about:blank"));
    problem.setDetail(status.is4xxClientError()
        ? "The request was refused (" + status.value() + " " + status.getReasonPhrase() + ")."
        : "The server could not answer this request.");
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (path instanceof String uri) {
      try {
        problem.setInstance(URI.create(uri));
      } catch (IllegalArgumentException notAUri) {
        // a path the container accepted but java.net.URI does not: leave instance out
      }
    }
    return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem);
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }
}
