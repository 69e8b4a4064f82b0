package io.tenantry.examples.pos;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts the POS server; see {@code examples/pos/README.md}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PosApplication {

  /** Runs the server; {@code --server.port=...} and any other Spring property may be passed. */
  public static void main(String[] args) {
    SpringApplication.run(PosApplication.class, args);
  }
}
