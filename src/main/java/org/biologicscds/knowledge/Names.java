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
        return isAscii(text) ? normalizeAscii(text) : normalizeUnicode(text);
    }

    /** The definition of {@link #normalize}, for any text. */
    static String normalizeUnicode(String text) {
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

    /** NFKC leaves ASCII as it is, and for ASCII the letters and digits are [A-Za-z0-9]: the same result, without the Unicode tables. */
    private static String normalizeAscii(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append(' ');
        boolean space = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + ('a' - 'A')));
                space = false;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                out.append(c);
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

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The first word of a normalized name or text (without its padding); "" for a blank one. */
    static String firstWord(String normalized) {
        int end = normalized.indexOf(' ', 1);
        return end < 0 ? "" : normalized.substring(1, end);
    }

    /** True when the normalized {@code name} occurs in the normalized {@code text} as whole words. */
    public static boolean containsName(String normalizedText, String normalizedName) {
        return normalizedText.contains(normalizedName);
    }
}
