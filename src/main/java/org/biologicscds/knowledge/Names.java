package org.biologicscds.knowledge;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Whole-word, case- and punctuation-insensitive name matching, for drug and condition names in
 * free text ("Efleira 120 mg", "Inflectra (infliximab-dyyb)", "Эфлейра"). Works on any script.
 */
public final class Names {

    private Names() {
    }

    /**
     * The form names are compared in: Unicode NFKC, lower case, every run of characters that are
     * not letters or digits replaced by one space, padded with a space on each side.
     */
    public static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(folded.length() + 2).append(' ');
        boolean space = true;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        if (!space) {
            out.append(' ');
        }
        return out.toString();
    }

    /** True when the normalized {@code name} occurs in the normalized {@code text} as whole words. */
    public static boolean containsName(String normalizedText, String normalizedName) {
        return normalizedText.contains(normalizedName);
    }
}
