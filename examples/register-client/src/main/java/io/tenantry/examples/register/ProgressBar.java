package io.tenantry.examples.register;

import java.io.PrintWriter;

/**
 * A progress bar on standard error for long work: redrawn in place on a terminal, a line per
 * quarter otherwise (logs and pipes). Silent below {@link #THRESHOLD} items.
 */
final class ProgressBar {

  static final int THRESHOLD = 200;
  private static final int WIDTH = 30;

  private final PrintWriter err;
  private final String label;
  private final int total;
  private final boolean shown;
  private final boolean terminal;
  private int lastShown = -1;

  ProgressBar(PrintWriter err, String label, int total) {
    this.err = err;
    this.label = label;
    this.total = total;
    this.shown = total >= THRESHOLD;
    this.terminal = System.console() != null;
  }

  void update(int done) {
    if (!shown) {
      return;
    }
    int percent = (int) (100L * done / total);
    if (terminal ? percent == lastShown : percent / 25 == lastShown / 25 && lastShown >= 0) {
      return;
    }
    lastShown = percent;
    int filled = WIDTH * percent / 100;
    String line = String.format("%s [%s%s] %3d%% %d/%d", label, "#".repeat(filled), ".".repeat(WIDTH - filled),
        percent, done, total);
    if (terminal) {
      err.print("\r" + line + (done >= total ? System.lineSeparator() : ""));
    } else {
      err.println(line);
    }
    err.flush();
  }

  /** Ends the bar (a newline on a terminal when the work stopped short). */
  void finish(int done) {
    if (shown && terminal && done < total) {
      err.println();
      err.flush();
    }
  }
}
