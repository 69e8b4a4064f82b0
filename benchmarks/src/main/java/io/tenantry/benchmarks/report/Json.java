package io.tenantry.benchmarks.report;

import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * latest.json and the POS's answers, through Jackson: maps keep their key order, whole numbers read as
 * {@code Long}, and measured doubles are written with the digits that matter (not NaN: null).
 */
public final class Json {

  /** Two spaces, {@code "name": value}, empty containers as {@code {}} and {@code []}, on every platform. */
  private static final DefaultPrettyPrinter LAYOUT = new DefaultPrettyPrinter(Separators.createDefaultInstance()
      .withObjectNameValueSpacing(Separators.Spacing.AFTER)
      .withObjectEntrySpacing(Separators.Spacing.NONE)
      .withArrayElementSpacing(Separators.Spacing.NONE)
      .withObjectEmptySeparator("")
      .withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .defaultPrettyPrinter(LAYOUT)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .addModule(new SimpleModule().addSerializer(Double.class, new Rounded()))
      .build();

  private Json() {}

  public static String write(Object value) {
    return MAPPER.writeValueAsString(value) + "\n";
  }

  /** Parses what {@link #write} writes (objects keep their key order). */
  public static Object parse(String text) {
    return MAPPER.readValue(text, Object.class);
  }

  /** Four significant digits at least, no exponent for the magnitudes used here. */
  static String round(double d) {
    double abs = Math.abs(d);
    String s;
    if (abs >= 1000) {
      s = String.format(Locale.ROOT, "%.1f", d);
    } else if (abs >= 1) {
      s = String.format(Locale.ROOT, "%.4f", d);
    } else {
      s = String.format(Locale.ROOT, "%.5f", d);
    }
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  private static final class Rounded extends ValueSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializationContext context) {
      if (value.isNaN() || value.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(round(value));
      }
    }
  }
}
