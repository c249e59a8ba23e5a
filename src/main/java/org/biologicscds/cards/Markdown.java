package org.biologicscds.cards;

/** Escaping for CommonMark: record text in a card's detail is shown as written, never as markup or HTML. */
final class Markdown {

    /**
     * Characters that start inline markup in running text. Block markup (#, -, 1.) only acts at the
     * start of a line, and every escaped text is placed after other text on a single line.
     */
    private static final String SPECIAL = "\\`*_[]|~";

    private Markdown() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append(' ');
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
