package io.tenantry.spring.internal;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error path ({@code /error}) as RFC 9457 problem details instead of Spring Boot's
 * own JSON: what reaches it was answered outside Spring MVC's exception handling (a filter's
 * {@code sendError}, an exception thrown in a filter). A 5xx never carries the exception's message. Browsers
 * (requests that accept {@code text/html}) keep Spring Boot's HTML error pages, templates included: this is
 * Boot's {@code BasicErrorController} with only its non-HTML answer replaced.
 *
 * <p>Internal; replace it with an {@code ErrorController} bean of your own.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public final class ProblemErrorController extends BasicErrorController {

  private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problems.MEDIA_TYPE + ";charset=UTF-8");

  /** As Boot's: its error attributes, {@code server.error.*}, and the error view resolvers for HTML. */
  public ProblemErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
      List<ErrorViewResolver> errorViewResolvers) {
    super(errorAttributes, errorProperties, errorViewResolvers);
  }

  /** Every answer but HTML: a problem. */
  @Override
  @RequestMapping
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    HttpStatus status = getStatus(request);
    if (!status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", status.is4xxClientError()
        ? "The request was refused (" + status.value() + " " + status.getReasonPhrase() + ")."
        : "The server could not answer this request.");
    if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
      problem.put("instance", uri);
    }
    return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem);
  }
}
