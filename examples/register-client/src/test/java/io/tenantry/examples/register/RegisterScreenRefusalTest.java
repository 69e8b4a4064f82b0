package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.journal;
import static io.tenantry.examples.register.RegisterTestSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The selling screen has no password, loopback is its boundary: a web page of another site open on the
 * register, or a DNS-rebound name, cannot record a sale through it; the screen's own page can.
 */
class RegisterScreenRefusalTest {

  @TempDir
  Path dir;

  @Test
  void salesFromAnotherSite_orAnotherHostName_orNotJson_areRefused_andNothingIsRecorded() throws Exception {
    PosApi owner = PosApi.newCompany(PosServer.get().url, "Loopback Grocers");
    String store = owner.store("Main St");
    PosApi.Register key = owner.register(store, "R1");
    owner.product("MILK", "Milk 1 l", "3.99");
    Path db = register(dir.resolve("r1.db"), PosServer.get().url, key.key());
    String sale = "{\"lines\":[{\"sku\":\"MILK\",\"quantity\":1}]}";
    try (RegisterScreen screen = RegisterScreen.start(db, 0, 60_000)) {
      int port = screen.port();
      String self = "127.0.0.1:" + port;
      assertThat(post(port, self, "http://evil.example", "application/json", sale)).startsWith("HTTP/1.1 403");
      assertThat(post(port, "evil.example:" + port, null, "application/json", sale)).startsWith("HTTP/1.1 403");
      assertThat(post(port, self, null, "text/plain", sale)).startsWith("HTTP/1.1 403");
      assertThat(journal(db)).isEmpty();
      assertThat(post(port, self, "http://" + self, "application/json", sale)).startsWith("HTTP/1.1 201");
      assertThat(journal(db)).hasSize(1);
    }
  }

  @Test
  void aSaleNamingACustomerTheScreensSearchDidNotReturn_isRefused_andNothingIsRecorded() throws Exception {
    PosApi owner = PosApi.newCompany(PosServer.get().url, "Picky Grocers");
    String store = owner.store("Main St");
    owner.product("MILK", "Milk 1 l", "3.99");
    PosApi rival = PosApi.newCompany(PosServer.get().url, "Rival Grocers");
    String rivalsCustomer = rival.customer("Grace Hopper", "555-0202");
    Path db = register(dir.resolve("r1.db"), PosServer.get().url, owner.register(store, "R1").key());
    try (RegisterScreen screen = RegisterScreen.start(db, 0, 60_000)) {
      String self = "127.0.0.1:" + screen.port();
      String sale = "{\"customerId\":\"" + rivalsCustomer + "\",\"lines\":[{\"sku\":\"MILK\",\"quantity\":1}]}";
      assertThat(post(screen.port(), self, null, "application/json", sale)).startsWith("HTTP/1.1 400")
          .contains("search for the customer again");
      assertThat(journal(db)).isEmpty();
    }
    assertThat(rival.points(rivalsCustomer)).isZero();
  }

  /** A raw request, so that Host and Origin are exactly what a browser or an attacker would send. */
  private static String post(int port, String host, String origin, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/sales HTTP/1.1\r\nHost: " + host + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
          + "Content-Type: " + type + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
