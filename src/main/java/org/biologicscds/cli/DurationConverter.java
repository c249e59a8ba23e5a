package org.biologicscds.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration as people write it: {@code 2s}, {@code 1500ms}, {@code 1m}, or ISO-8601 {@code PT2S}. */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("pt")) {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2).trim()));
            }
            if (text.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1).trim()) * 1000));
            }
            if (text.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1).trim()) * 60);
            }
        } catch (RuntimeException e) {
            throw new TypeConversionException("'" + value + "' is not a duration such as 2s, 1500ms or PT2S");
        }
        throw new TypeConversionException("'" + value + "' is not a duration such as 2s, 1500ms or PT2S");
    }
}
