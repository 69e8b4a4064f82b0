package io.tenantry.examples.pos.account;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where invitation links go: to the invited address, never to the person who invited. This reference
 * app sends no e-mail; it logs each message for whoever runs the server (logger
 * {@code io.tenantry.examples.pos.account.Outbox}, INFO) and keeps the last {@value #KEPT} in memory,
 * which the tests read as the invitee's mailbox. A real deployment replaces this bean with its mailer.
 */
@Component
public class Outbox {

  /** A message to one address. */
  public record Message(String to, String subject, String link) {}

  static final int KEPT = 200;

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  private final Deque<Message> sent = new ArrayDeque<>();

  /** Sends {@code link} to {@code to}. */
  public void send(String to, String subject, String link) {
    LOG.info("Mail to {}: {}: {}", to, subject, link);
    synchronized (sent) {
      sent.addFirst(new Message(to, subject, link));
      while (sent.size() > KEPT) {
        sent.removeLast();
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
