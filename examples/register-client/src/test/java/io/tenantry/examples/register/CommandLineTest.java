package io.tenantry.examples.register;

import static io.tenantry.examples.register.RegisterTestSupport.expect;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} everywhere, exit codes in it, usage errors with exit code 2. */
class CommandLineTest {

  @ParameterizedTest
  @ValueSource(strings = {"init", "sync", "sell", "push", "status"})
  void help_ofEveryCommand_describesItAndItsExitCodes(String command) {
    Cli.Result help = expect(ExitCodes.OK, command, "--help");
    assertThat(help.out()).contains("Usage: register " + command).contains("--db=FILE").contains("Exit codes:")
        .contains("server unreachable after retries");
  }

  @Test
  void help_ofTheRegister_listsTheCommands() {
    assertThat(expect(ExitCodes.OK, "--help").out()).contains("init").contains("sync").contains("sell")
        .contains("push").contains("status");
    assertThat(expect(ExitCodes.OK, "help", "push").out()).contains("clientSaleId", "201 or 200", "exit code 6");
  }

  @Test
  void usageErrors_exitWith2() {
    assertThat(expect(ExitCodes.USAGE).err()).contains("Missing command");
    assertThat(expect(ExitCodes.USAGE, "sell").err()).contains("SKU");
    assertThat(expect(ExitCodes.USAGE, "init", "--key", "trk_x").err()).contains("--server");
    assertThat(expect(ExitCodes.USAGE, "init", "--server", "ftp://x", "--key", "trk_x").err()).contains("http(s) URL");
    assertThat(expect(ExitCodes.USAGE, "sell", "MILK:0", "--db", "x.db").err()).contains("SKU[:QTY]");
  }
}
