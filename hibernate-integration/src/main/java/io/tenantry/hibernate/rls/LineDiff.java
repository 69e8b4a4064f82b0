package io.tenantry.hibernate.rls;

import java.util.ArrayList;
import java.util.List;

/** A line difference in unified form (three lines of context), for assertion messages. */
final class LineDiff {

  private static final int CONTEXT = 3;

  private LineDiff() {}

  /** Empty when the texts are equal; otherwise {@code ---}/{@code +++} headers and {@code @@} hunks. */
  static String unified(String before, String after, String beforeName, String afterName) {
    if (before.equals(after)) {
      return "";
    }
    String[] a = before.split("\n", -1);
    String[] b = after.split("\n", -1);
    // longest common subsequence, from the end, so the walk below goes forwards
    int[][] lcs = new int[a.length + 1][b.length + 1];
    for (int i = a.length - 1; i >= 0; i--) {
      for (int j = b.length - 1; j >= 0; j--) {
        lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> lines = new ArrayList<>(); // ' ', '-' or '+' then the line
    List<int[]> positions = new ArrayList<>(); // line numbers (1-based) in a and b
    int i = 0;
    int j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i].equals(b[j])) {
        lines.add(" " + a[i]);
        positions.add(new int[] {++i, ++j});
      } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
        lines.add("+" + b[j]);
        positions.add(new int[] {i, ++j});
      } else {
        lines.add("-" + a[i]);
        positions.add(new int[] {++i, j});
      }
    }
    StringBuilder out = new StringBuilder("--- ").append(beforeName).append("\n+++ ").append(afterName).append('\n');
    int k = 0;
    while (k < lines.size()) {
      if (lines.get(k).charAt(0) == ' ') {
        k++;
        continue;
      }
      int start = Math.max(0, k - CONTEXT);
      int end = k;
      // extend the hunk while changes follow within twice the context
      int lastChange = k;
      while (end < lines.size() && end - lastChange <= 2 * CONTEXT) {
        if (lines.get(end).charAt(0) != ' ') {
          lastChange = end;
        }
        end++;
      }
      end = Math.min(lines.size(), lastChange + CONTEXT + 1);
      out.append("@@ -").append(positions.get(start)[0]).append(" +").append(positions.get(start)[1]).append(" @@\n");
      for (int n = start; n < end; n++) {
        out.append(lines.get(n)).append('\n');
      }
      k = end;
    }
    return out.toString();
  }
}
