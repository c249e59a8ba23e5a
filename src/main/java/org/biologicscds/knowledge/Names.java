package org.biologicscds.knowledge;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Whole-word, case- and punctuation-insensitive name matching, for drug and condition names in
 * free text ("Efleira 120 mg", "Inflectra (infliximab-dyyb)", "Эфлейра"). Works on any script.
 *
 * <p>Three forms of a text (clinical-v2.md section 1.6):
 * <ul>
 *   <li>{@link #normalize}: NFKC, case-folded, ®/™ and the diacritics of Latin letters dropped,
 *       punctuation to a space. A biosimilar's FDA suffix is therefore a word of its own
 *       ("infliximab-dyyb" reads " infliximab dyyb "), so the INN matches as a whole word for any
 *       suffix, seen or not, with no knowledge change.</li>
 *   <li>{@link #fold}: the transliteration key, one spelling for every romanisation of a Cyrillic
 *       name that section 1.6 lists (Эфлейра, Ефлейра, Efleira, Efleyra, Eflejra all fold to
 *       " efleira "), computed the same way for names and texts.</li>
 *   <li>{@link #hasCjk}: names in Chinese, Japanese or Korean script, which are written without
 *       spaces and so match as substrings, not as whole words.</li>
 * </ul>
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
        // ™ and ℠ would become the letters "TM"/"SM" under NFKC ("Humira™" → "humiratm"): drop them first.
        String marksDropped = text.replace('\u2122', ' ').replace('\u2120', ' ').replace('\u00AE', ' ');
        String folded = stripLatinDiacritics(Normalizer.normalize(marksDropped, Normalizer.Form.NFKC))
                .toLowerCase(Locale.ROOT);
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

    /**
     * Drops the combining marks that follow a Latin letter ("Efléira" → "Efleira"). Marks on other
     * scripts stay: Cyrillic й and ё are letters of their own that transliterate differently from
     * и and е (section 1.6), so they must not be folded here.
     */
    private static String stripLatinDiacritics(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        Character.UnicodeScript base = Character.UnicodeScript.COMMON;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                if (base != Character.UnicodeScript.LATIN) {
                    out.appendCodePoint(cp);
                }
            } else {
                base = Character.UnicodeScript.of(cp);
                out.appendCodePoint(cp);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
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

    /**
     * The transliteration key of a normalized text: Cyrillic letters romanised, and the Latin
     * spellings that section 1.6 lists as variants of one Cyrillic letter brought to one spelling,
     * so that every listed variant of a name has the key of the name as written:
     * <ul>
     *   <li>э, е, ё → e; и, й, ы → i; я → ia; ю → iu; х → h; ц → c; ж → zh; ш → sh; щ → shch;
     *       ч → ch; ь, ъ → nothing; the other letters one for one;</li>
     *   <li>in the Latin result: y, j → i (й → i/y/j, ы → y/i, я → ya/ia/ja, ю → yu/iu/ju);
     *       kh → h; ts → c; sch → shch; runs of i → i; i before e or o → dropped
     *       (е → ye, ё → yo, ей → ei/ey/ej).</li>
     * </ul>
     * The key is only compared with other keys: it may join spellings no one would confuse
     * ("Yefleyra" and "Efleira" are meant to), which is why it is a second net for medication
     * names only, never used for findings. Padding and word breaks are kept; a word that folds to
     * nothing (a lone ь) disappears.
     */
    public static String fold(String normalized) {
        StringBuilder latin = new StringBuilder(normalized.length() + 8);
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            String roman = c >= '\u0430' && c <= '\u044f' || c == '\u0451' ? romanize(c) : null;
            if (roman != null) {
                latin.append(roman);
            } else if (c == 'y' || c == 'j') {
                latin.append('i');
            } else {
                latin.append(c);
            }
        }
        StringBuilder key = new StringBuilder(latin.length());
        for (int i = 0; i < latin.length(); ) {
            if (startsWith(latin, i, "shch")) {
                key.append("shch");
                i += 4;
            } else if (startsWith(latin, i, "sch")) {
                key.append("shch");
                i += 3;
            } else if (startsWith(latin, i, "kh")) {
                key.append('h');
                i += 2;
            } else if (startsWith(latin, i, "ts")) {
                key.append('c');
                i += 2;
            } else if (latin.charAt(i) == 'i') {
                int end = i;
                while (end < latin.length() && latin.charAt(end) == 'i') {
                    end++;
                }
                boolean iotated = end < latin.length() && (latin.charAt(end) == 'e' || latin.charAt(end) == 'o');
                if (iotated) {
                    // е → ye after и ("iye") is the run "iie": the whole run goes, as for "ye" alone.
                    key.append('e');
                    end++;
                } else {
                    key.append(latin, i, end);
                }
                i = end;
            } else {
                key.append(latin.charAt(i));
                i++;
            }
        }
        return collapseSpaces(key);
    }

    private static final String[] CYRILLIC = {
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p",
        "r", "s", "t", "u", "f", "h", "c", "ch", "sh", "shch", "", "i", "", "e", "iu", "ia"};

    /** а..я in alphabet order, and ё. */
    private static String romanize(char c) {
        return c == '\u0451' ? "e" : CYRILLIC[c - '\u0430'];
    }

    private static boolean startsWith(CharSequence text, int at, String prefix) {
        if (at + prefix.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text.charAt(at + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String collapseSpaces(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' || out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True if the text holds a Han, Hiragana, Katakana or Hangul letter: a name written without word breaks. */
    public static boolean hasCjk(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x1100) {
                // Below Hangul Jamo: Latin, Cyrillic and every other alphabet; no script lookup needed.
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
                return true;
            }
        }
        return false;
    }

    /** True when the normalized {@code name} occurs in the normalized {@code text} as whole words. */
    public static boolean containsName(String normalizedText, String normalizedName) {
        return normalizedText.contains(normalizedName);
    }
}
