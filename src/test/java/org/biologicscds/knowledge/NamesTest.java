package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.junit.jupiter.api.Test;

/**
 * The ASCII shortcut of {@link Names#normalize} gives what the Unicode definition gives; the
 * transliteration key ({@link Names#fold}) is the same for every romanisation that
 * clinical-v2.md section 1.6 lists, and does not join names that differ.
 */
class NamesTest {

    /**
     * Section 1.6, as written there: each Cyrillic letter and the Latin spellings it may take. Letters
     * not listed romanise one way (ГОСТ/BGN alike). The test builds every combination for a name,
     * independently of how {@link Names#fold} works.
     */
    private static final Map<Character, List<String>> VARIANTS = Map.ofEntries(
            Map.entry('а', List.of("a")), Map.entry('б', List.of("b")), Map.entry('в', List.of("v")),
            Map.entry('г', List.of("g")), Map.entry('д', List.of("d")), Map.entry('е', List.of("e", "ye")),
            Map.entry('ё', List.of("e", "yo")), Map.entry('ж', List.of("zh")), Map.entry('з', List.of("z")),
            Map.entry('и', List.of("i")), Map.entry('й', List.of("i", "y", "j")), Map.entry('к', List.of("k")),
            Map.entry('л', List.of("l")), Map.entry('м', List.of("m")), Map.entry('н', List.of("n")),
            Map.entry('о', List.of("o")), Map.entry('п', List.of("p")), Map.entry('р', List.of("r")),
            Map.entry('с', List.of("s")), Map.entry('т', List.of("t")), Map.entry('у', List.of("u")),
            Map.entry('ф', List.of("f")), Map.entry('х', List.of("kh", "h")), Map.entry('ц', List.of("ts", "c")),
            Map.entry('ч', List.of("ch")), Map.entry('ш', List.of("sh")), Map.entry('щ', List.of("shch", "sch")),
            Map.entry('ъ', List.of("")), Map.entry('ы', List.of("y", "i")), Map.entry('ь', List.of("")),
            Map.entry('э', List.of("e")), Map.entry('ю', List.of("yu", "iu", "ju")), Map.entry('я', List.of("ya", "ia", "ja")));

    private static List<String> romanisations(String cyrillic) {
        List<String> out = new ArrayList<>(List.of(""));
        for (char c : cyrillic.toCharArray()) {
            List<String> options = VARIANTS.getOrDefault(c, List.of(String.valueOf(c)));
            List<String> next = new ArrayList<>();
            for (String prefix : out) {
                for (String option : options) {
                    next.add(prefix + option);
                }
            }
            out = next;
        }
        return out;
    }

    private static String key(String text) {
        return Names.fold(Names.normalize(text));
    }

    @Test
    void efleiraInEveryListedSpellingHasOneKey() {
        assertThat(List.of("Эфлейра", "Ефлейра", "Efleira", "Efleyra", "Eflejra", "EFLEYRA®", "Yefleyra"))
                .extracting(NamesTest::key).containsOnly(" efleira ");
        assertThat(romanisations("эфлейра")).contains("efleira", "efleyra", "eflejra")
                .allSatisfy(variant -> assertThat(key(variant)).as(variant).isEqualTo(" efleira "));
    }

    @Test
    void everyRomanisationOfEveryCyrillicLetterFoldsToTheKeyOfTheCyrillic() {
        // Each letter alone, after a consonant, after a vowel, and after и (where е → ye reads "iye").
        for (char c : VARIANTS.keySet()) {
            for (String context : List.of("%s", "б%sа", "а%sб", "и%sм", "%sм")) {
                String cyrillic = context.formatted(c);
                for (String variant : romanisations(cyrillic)) {
                    assertThat(key(variant)).as("%s as %s", cyrillic, variant).isEqualTo(key(cyrillic));
                }
            }
        }
    }

    @Test
    void everyRomanisationOfTheCatalogueCyrillicNamesFindsTheName() {
        Knowledge knowledge = TestKnowledge.get();
        int checked = 0;
        for (Drug drug : knowledge.drugs().all()) {
            for (String name : knowledge.valueSets().names(drug.id())) {
                if (!name.matches(".*[а-яё].*")) {
                    continue;
                }
                List<String> variants = romanisations(name.strip());
                for (String variant : variants.subList(0, Math.min(variants.size(), 2_000))) {
                    CodeableConcept ordered = new CodeableConcept().setText(variant + " 60 mg/ml");
                    assertThat(knowledge.drugs().identify(ordered).map(Drug::id)).as("%s as %s", name, variant)
                            .contains(drug.id());
                    checked++;
                }
            }
        }
        assertThat(checked).as("romanisations checked").isGreaterThan(50);
    }

    @Test
    void theKeyKeepsNamesApartThatDifferInMoreThanSpelling() {
        assertThat(key("NYHA class III")).isNotEqualTo(key("NYHA class I"));
        assertThat(key("Remicade")).isNotEqualTo(key("Remsima"));
        assertThat(key("Tsaltz")).isEqualTo(key("Цалтз")).isNotEqualTo(key("Талс"));
    }

    @Test
    void trademarkSignsAndLatinDiacriticsAreDropped_cyrillicLettersKept() {
        assertThat(Names.normalize("Humira™ Pen")).isEqualTo(" humira pen ");
        assertThat(Names.normalize("REMICADE®100 mg")).isEqualTo(" remicade 100 mg ");
        assertThat(Names.normalize("Efléira, Cimzía")).isEqualTo(" efleira cimzia ");
        assertThat(Names.normalize("Эфлейра, ёж")).isEqualTo(" эфлейра ёж ");
    }

    @Test
    void cjkTextIsRecognisedAsSuch() {
        assertThat(Names.hasCjk("注射用英夫利西单抗 100mg")).isTrue();
        assertThat(Names.hasCjk("Эфлейра 60 мг/мл")).isFalse();
        assertThat(Names.hasCjk("infliximab")).isFalse();
    }

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
