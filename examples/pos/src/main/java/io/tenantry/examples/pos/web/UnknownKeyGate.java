package io.tenantry.examples.pos.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a flood of unknown register keys away from the database (issue 22, item 5). Every
 * {@code X-Register-Key} costs the starter a lookup on the system login (a pool of three) and a
 * system-access log line; a caller sending made-up keys could take those from the real registers. In
 * front of the starter's filter, this one
 * <ul>
 *   <li>remembers keys the server refused ({@link #REMEMBERED} at most, for {@link #TTL}): the same key
 *       again is refused here, with the same 401, without a lookup;</li>
 *   <li>limits new unknown keys per source address: after {@link #UNKNOWN_PER_WINDOW} in {@link #WINDOW},
 *       a key not seen accepted recently is answered 429 with {@code Retry-After}; keys the server accepted
 *       recently (real registers behind the same address) pass;</li>
 *   <li>logs what it refused once a minute at most, as one WARN line with counts: no line per key.</li>
 * </ul>
 * Keys are kept as SHA-256 digests only. A key issued after it was refused cannot exist in practice (keys
 * are random), and the memory of a refusal ends after {@link #TTL} anyway.
 */
final class UnknownKeyGate extends OncePerRequestFilter {

  static final String HEADER = "X-Register-Key";
  static final int UNKNOWN_PER_WINDOW = 20;
  static final Duration WINDOW = Duration.ofSeconds(10);
  static final Duration TTL = Duration.ofMinutes(5);
  static final int REMEMBERED = 10_000;
  private static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(UnknownKeyGate.class);

  /** A source's count of unknown keys in its current window. */
  private record Window(long startNanos, int unknown) {}

  private final Map<String, Long> refused = new ConcurrentHashMap<>();
  private final Map<String, Long> accepted = new ConcurrentHashMap<>();
  private final Map<String, Window> sources = new ConcurrentHashMap<>();
  private final AtomicLong fromMemory = new AtomicLong();
  private final AtomicLong limited = new AtomicLong();
  private final AtomicLong looked = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime());

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null) {
      chain.doFilter(request, response);
      return;
    }
    long now = System.nanoTime();
    String digest = digest(key);
    if (fresh(refused, digest, now)) {
      fromMemory.incrementAndGet();
      countUnknown(request.getRemoteAddr(), now);
      answer(request, response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
          "The register key is not valid (unknown or revoked).");
      report(now);
      return;
    }
    if (!fresh(accepted, digest, now) && overLimit(request.getRemoteAddr(), now)) {
      limited.incrementAndGet();
      response.setHeader("Retry-After", Long.toString(WINDOW.toSeconds()));
      answer(request, response, 429, "Too Many Requests",
          "Too many unknown register keys from this address; retry later.");
      report(now);
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED) {
      looked.incrementAndGet();
      remember(refused, digest, now);
      countUnknown(request.getRemoteAddr(), now);
      report(now);
    } else if (response.getStatus() < 400) {
      remember(accepted, digest, now);
    }
  }

  private static boolean fresh(Map<String, Long> memory, String digest, long now) {
    Long until = memory.get(digest);
    if (until == null) {
      return false;
    }
    if (now - until > 0) {
      memory.remove(digest, until);
      return false;
    }
    return true;
  }

  private static void remember(Map<String, Long> memory, String digest, long now) {
    if (memory.size() >= REMEMBERED) {
      memory.clear(); // bounded memory: forgetting only costs lookups again
    }
    memory.put(digest, now + TTL.toNanos());
  }

  private boolean overLimit(String source, long now) {
    Window w = sources.get(source);
    return w != null && now - w.startNanos() < WINDOW.toNanos() && w.unknown() >= UNKNOWN_PER_WINDOW;
  }

  private void countUnknown(String source, long now) {
    if (sources.size() >= REMEMBERED) {
      sources.clear();
    }
    sources.compute(source, (s, w) -> w == null || now - w.startNanos() >= WINDOW.toNanos()
        ? new Window(now, 1) : new Window(w.startNanos(), w.unknown() + 1));
  }

  /** One WARN line with the counts since the last one, at most once per {@link #LOG_EVERY}. */
  private void report(long now) {
    long last = lastLog.get();
    if (now - last < LOG_EVERY.toNanos() || !lastLog.compareAndSet(last, now)) {
      return;
    }
    long lookups = looked.getAndSet(0);
    long memory = fromMemory.getAndSet(0);
    long tooMany = limited.getAndSet(0);
    LOG.warn("Unknown register keys in the last {} s: {} refused after a lookup, {} refused from memory, {} answered"
        + " 429 (over {} unknown keys per {} s from one address)", Duration.ofNanos(now - last).toSeconds(), lookups,
        memory, tooMany, UNKNOWN_PER_WINDOW, WINDOW.toSeconds());
  }

  private static void answer(HttpServletRequest request, HttpServletResponse response, int status, String title,
      String detail) throws IOException {
    response.setStatus(status);
    response.setContentType(ProblemShape.PROBLEM_JSON_UTF8.toString());
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (status == HttpServletResponse.SC_UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "RegisterKey realm=\"tenantry\"");
    }
    // the path is the request's own, as the starter writes it; quotes and backslashes cannot occur in a URI path
    response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail + "\",\"instance\":\"" + request.getRequestURI().replace("\\", "").replace("\"", "")
        + "\"}");
  }

  private static String digest(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
