package io.tenantry.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * results.md and chart.svg rendered from a fixed input, a full run's latest.json ({@code results/latest.json} as
 * committed at 6e8cf33), must be exactly the committed renderings of that input: a change to the renderers that
 * changes their output shows here, line by line.
 */
class RenderingTest {

  static final Path DIR = Path.of("src/test/resources/report");

  @Test
  void markdownAndSvgOfAFullRun_areUnchanged() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> run = (Map<String, Object>) Json.parse(Files.readString(DIR.resolve("latest.json")));
    String markdown = Markdown.render(run);
    String svg = Chart.render(run);
    if (Boolean.getBoolean("benchmarks.rendering.write")) {
      Files.writeString(DIR.resolve("results.md"), markdown, StandardCharsets.UTF_8);
      Files.writeString(DIR.resolve("chart.svg"), svg, StandardCharsets.UTF_8);
    }
    assertThat(markdown).isEqualTo(Files.readString(DIR.resolve("results.md")));
    assertThat(svg).isEqualTo(Files.readString(DIR.resolve("chart.svg")));
  }
}
