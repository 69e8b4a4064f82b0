package io.tenantry.examples.pos.web;

import java.math.BigDecimal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.module.SimpleModule;

/**
 * Bounds on decimal input at the JSON edge, for every amount of the API (prices, tax rates): at most
 * {@value #MAX_DIGITS} digits and {@value #MAX_DECIMALS} decimals, in a text of at most
 * {@value #MAX_TEXT} characters, as a JSON number or string. A decimal such as {@code 1e-999999999} is
 * short to send but has a billion decimals: without this bound, formatting it for an error message
 * built a gigabyte-long answer (issue 22). The check runs on the parsed {@code BigDecimal}'s precision
 * and scale, which are cheap to read whatever the exponent; nothing of the rejected value is repeated in
 * the message. The length of numbers, strings and documents is bounded as well, by Jackson's
 * {@code StreamReadConstraints} ({@code spring.jackson.factory.constraints.read.*} in
 * {@code application.properties}).
 */
@Configuration(proxyBeanMethods = false)
class JsonLimits {

  /** Digits of a decimal, before and after the point together. */
  static final int MAX_DIGITS = 20;
  /** Digits after the point (a larger exponent, positive or negative, is refused alike). */
  static final int MAX_DECIMALS = 10;
  /** Characters of a decimal sent as a JSON string. */
  static final int MAX_TEXT = 40;

  static final String EXPECTED = "a decimal number with at most " + MAX_DIGITS + " digits and at most " + MAX_DECIMALS
      + " decimals is expected, such as 12.34";

  @Bean
  JacksonModule boundedDecimals() {
    return new SimpleModule("pos-bounded-decimals").addDeserializer(BigDecimal.class, new BoundedDecimals());
  }

  /** Reads a {@code BigDecimal} from a JSON number or string and refuses it outside the bounds. */
  static final class BoundedDecimals extends StdScalarDeserializer<BigDecimal> {

    BoundedDecimals() {
      super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) {
      JsonToken token = p.currentToken();
      BigDecimal value;
      if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
        if (p.getTextLength() > MAX_TEXT) {
          throw refused(p);
        }
        value = p.getDecimalValue();
      } else if (token == JsonToken.VALUE_STRING) {
        if (p.getTextLength() > MAX_TEXT) {
          throw refused(p);
        }
        String text = p.getString().strip();
        if (text.isEmpty()) {
          return null;
        }
        try {
          value = new BigDecimal(text);
        } catch (NumberFormatException e) {
          throw refused(p);
        }
      } else {
        return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
      }
      if (value.precision() > MAX_DIGITS || value.scale() > MAX_DECIMALS || value.scale() < -MAX_DECIMALS
          || value.precision() - value.scale() > MAX_DIGITS) {
        throw refused(p);
      }
      return value;
    }

    private static MismatchedInputException refused(JsonParser p) {
      return MismatchedInputException.from(p, BigDecimal.class, EXPECTED);
    }
  }
}
