package io.tenantry.spring.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report as RFC 9457 problem details instead of its HTML page: for the errors Tomcat answers
 * itself, before any servlet or filter runs (a request line or URL it cannot parse: {@code %00}, {@code %ZZ},
 * a bad {@code Host}), and for errors no error page answered. Like Tomcat's own valve it reports once, only
 * for a status of 400 or more and only when nothing was written; it never writes the exception or server
 * details.
 *
 * <p>Internal.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    String reason = reason(status);
    try {
      response.resetBuffer();
      response.setContentType(Problems.MEDIA_TYPE);
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(Problems.body(status, reason, detail(status), request.getRequestURI()));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client went away or the response was committed meanwhile: nothing more can be sent
    }
  }

  private static String reason(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known != null ? known.getReasonPhrase() : "Error " + status;
  }

  private static String detail(int status) {
    return status == 400
        ? "The request could not be read: its request line, URL or headers are malformed."
        : "The server could not answer this request.";
  }
}
