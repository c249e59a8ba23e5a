package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ASCII shortcut of {@link Names#normalize} gives what the Unicode definition gives. */
class NamesTest {

    @Test
    void asciiTextNormalizesAsTheUnicodeDefinitionSays() {
        List<String> texts = new ArrayList<>(List.of("", " ", "!!", "Inflectra (infliximab-dyyb) 100 MG",
                "  Methotrexate 2.5mg -- weekly!", "NYHA class IV", "a", "Z9", "[]{}~`^_\\|/"));
        Random random = new Random(20261123);
        for (int i = 0; i < 5_000; i++) {
            char[] chars = new char[random.nextInt(24)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) random.nextInt(0x80);
            }
            texts.add(new String(chars));
        }
        for (String text : texts) {
            assertThat(Names.normalize(text)).as("normalize(%s)", text).isEqualTo(Names.normalizeUnicode(text));
        }
    }

    @Test
    void nonAsciiTextIsFoldedByUnicodeRules() {
        assertThat(Names.normalize("Эфлейра ＩＮＦＬＥＣＴＲＡ")).isEqualTo(" эфлейра inflectra ");
    }

    @Test
    void firstWordOfANormalizedName() {
        assertThat(List.of(Names.firstWord(" tumor necrosis factor "), Names.firstWord(" x "), Names.firstWord(" ")))
                .isEqualTo(List.of("tumor", "x", ""));
    }
}
