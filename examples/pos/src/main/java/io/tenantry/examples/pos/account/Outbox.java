package io.tenantry.examples.pos.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where one-time links (invitations, signups) go: to their address, never to the person who asked. This
 * reference app sends no e-mail; it logs each message for whoever runs the server (logger
 * {@code io.tenantry.examples.pos.account.Outbox}, INFO) and keeps the last {@value #KEPT} in memory, which the
 * tests read as the addressee's mailbox. A real deployment replaces this bean with its mailer.
 *
 * <p>Development and tests only: with {@code pos.outbox.file=PATH} each message is also appended to that
 * file as one line, {@code to TAB subject TAB link}, so that a client in another process (the register client's tests, the benchmarks) can
 * open its links. Off by default; when on, the app logs a warning at startup: whoever reads the file can
 * confirm any signup and accept any invitation.
 */
@Component
public class Outbox {

  /** A message to one address. */
  public record Message(String to, String subject, String link) {}

  static final int KEPT = 200;

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final Deque<Message> sent = new ArrayDeque<>();
  private final Path file;

  Outbox(@Value("${pos.outbox.file:}") String file) {
    this.file = file.isBlank() ? null : Path.of(file);
    if (this.file != null) {
      LOG.warn("**********************************************************************************");
      LOG.warn("pos.outbox.file is set: every signup and invitation link is written to {}.", this.file.toAbsolutePath());
      LOG.warn("Whoever reads that file can confirm any signup and accept any invitation. Development and");
      LOG.warn("tests only: never set it on a server that real people use.");
      LOG.warn("**********************************************************************************");
    }
  }

  /** Sends {@code link} to {@code to}. */
  public void send(String to, String subject, String link) {
    LOG.info("Mail to {}: {}: {}", to, subject, link);
    synchronized (sent) {
      sent.addFirst(new Message(to, subject, link));
      while (sent.size() > KEPT) {
        sent.removeLast();
      }
      if (file != null) {
        try {
          Files.writeString(file, to + "\t" + subject + "\t" + link + "\n", StandardCharsets.UTF_8,
              StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
          LOG.error("Cannot append the mail to {} to pos.outbox.file {}: {}", to, file, e.toString());
        }
      }
    }
  }

  /** The messages sent to {@code to}, newest first. */
  public List<Message> to(String to) {
    synchronized (sent) {
      return sent.stream().filter(m -> m.to().equals(to)).toList();
    }
  }
}
