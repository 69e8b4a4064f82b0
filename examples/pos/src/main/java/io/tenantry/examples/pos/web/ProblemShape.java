package io.tenantry.examples.pos.web;

import java.net.URI;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * One shape for every error (issue 22, item 4): whoever answered — this application's handlers, the
 * Tenantry starter's, Spring Boot's for MVC's own exceptions (405, 406, an unknown path) — a problem goes
 * out as {@code application/problem+json;charset=UTF-8} with {@code type}, {@code title}, {@code status},
 * {@code detail} and {@code instance}, exactly as the starter writes the security answers (401, 403)
 * from its filters, where MVC does not run.
 */
@RestControllerAdvice
class ProblemShape implements ResponseBodyAdvice<Object> {

  static final MediaType PROBLEM_JSON_UTF8 = MediaType.parseMediaType("application/problem+json;charset=UTF-8");
  static final URI BLANK = URI.create("about:blank");

  @Override
  public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
      Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem) {
      if (problem.getType() == null) {
        problem.setType(BLANK);
      }
      if (problem.getInstance() == null) {
        problem.setInstance(URI.create(request.getURI().getRawPath()));
      }
      response.getHeaders().setContentType(PROBLEM_JSON_UTF8);
    }
    return body;
  }
}
