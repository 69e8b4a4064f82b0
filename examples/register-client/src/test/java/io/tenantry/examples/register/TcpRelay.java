package io.tenantry.examples.register;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of the POS, standing for the network between a register and its server:
 * {@link #stop()} makes the server unreachable (connection refused) and {@link #start()} brings it
 * back, without restarting the POS; {@link #loseNextResponses(int)} lets requests reach the server
 * but cuts the connection as its answer comes back, as a timeout after the server committed does.
 */
final class TcpRelay implements AutoCloseable {

  private final int targetPort;
  private final int port;
  private final AtomicInteger responsesToLose = new AtomicInteger();
  private final AtomicInteger lost = new AtomicInteger();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket listener;

  TcpRelay(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.port = PosServer.freePort();
    start();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  synchronized void start() throws IOException {
    if (listener != null) {
      return;
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    listener = socket;
    Thread accept = new Thread(() -> accept(socket), "relay-accept");
    accept.setDaemon(true);
    accept.start();
  }

  /** Closes the listener and every open connection: the server is unreachable until {@link #start()}. */
  synchronized void stop() {
    closeQuietly(listener);
    listener = null;
    open.forEach(TcpRelay::closeQuietly);
    open.clear();
  }

  /** The next {@code n} answers reach this relay but never the client. */
  void loseNextResponses(int n) {
    responsesToLose.set(n);
  }

  /** How many answers were lost so far. */
  int lostResponses() {
    return lost.get();
  }

  @Override
  public void close() {
    stop();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(server);
        pump(client, server, false);
        pump(server, client, true);
      } catch (IOException e) {
        // listener closed by stop(), or the server is down: the client sees a dropped connection
      }
    }
  }

  private void pump(Socket from, Socket to, boolean answers) {
    Thread t = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          if (answers && responsesToLose.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            lost.incrementAndGet();
            break; // the server answered; the client never hears it
          }
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the other side closed
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, "relay-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(java.io.Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
