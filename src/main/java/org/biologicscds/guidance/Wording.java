package org.biologicscds.guidance;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A card text from the knowledge with its {@code {placeholders}} filled in (clinical-v2.md 1.5):
 * "Last TB test ({test}) {reading} on {date}" with test, reading and date. A placeholder the rule
 * does not fill is a knowledge error, not a text with braces in front of a clinician.
 */
final class Wording {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

    private Wording() {
    }

    /** The template with every placeholder replaced; throws if one has no value. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for {" + m.group(1) + "} in \"" + template + "\"");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return Describe.capitalized(out.toString());
    }

    /** A window in days for a summary: 365 d is "12 months", 30 d "1 month", 10 d "10 days". */
    static String window(int days) {
        long months = Math.round(days / (365.0 / 12));
        return months < 1 ? days + " days" : months + (months == 1 ? " month" : " months");
    }
}
