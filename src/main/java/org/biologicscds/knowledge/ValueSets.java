package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Membership in the knowledge's value sets, by code or by name. Value sets list concepts
 * ({@code compose.include.concept}), hold ICD-10-CM and WHO ICD-10 codes by prefix
 * ({@code compose.include.filter} is-a, dots ignored), take codes out ({@code compose.exclude}, which
 * wins) and may include other value sets of the folder; {@link ValueSetCompose} expands them once at
 * load.
 *
 * <p>A concept is matched against every value set at once ({@link #memberships}): the codes and the
 * names of all value sets are indexed together, each code, ICD-10 code prefix and name with the
 * value sets that hold it, so a concept costs a lookup per coding (per prefix of an ICD-10 code) and
 * per word of its text however many value sets are asked about. Names in CJK script match as
 * substrings; medication names also by their transliteration key (section 1.6, {@link Names}).
 * Immutable and thread-safe.
 */
public final class ValueSets {

    /** A name in normalized form, with the value sets (by index) that hold it. */
    private record IndexedName(String name, BitSet valueSets) {
    }

    /** The value set of phrases that keep a name in free text from counting (negations, family history). */
    static final String NEGATION_CUES = "text-negation-cues";

    private final Map<String, ValueSetExpansion> byId;
    private final List<String> negationCues;
    /** Each value set's index in the bit sets below. */
    private final Map<String, Integer> indexById;
    /** The codes, ICD-10 code prefixes and exclusions of all value sets. */
    private final CodeIndex codes;
    /**
     * Names by their first word: every whole-word occurrence of a name in a text starts at one of
     * the text's words, so only the names indexed under those words can match.
     */
    private final Map<String, List<IndexedName>> namesByFirstWord;
    /**
     * Names by the first word of their transliteration key ({@link Names#fold}): the second net for
     * medication names (section 1.6), so "Efleyra" and "Эфлейра" find the name "Efleira".
     */
    private final Map<String, List<IndexedName>> foldedNamesByFirstWord;
    /** Names in Chinese, Japanese or Korean script: written without spaces, they match as substrings (section 1.6). */
    private final List<IndexedName> cjkNames;

    private ValueSets(Map<String, ValueSetExpansion> byId) {
        this.byId = Map.copyOf(byId);
        this.negationCues = byId.containsKey(NEGATION_CUES) ? byId.get(NEGATION_CUES).names() : List.of();
        List<String> ids = byId.keySet().stream().sorted().toList();
        Map<String, Integer> index = new HashMap<>();
        Map<String, BitSet> names = new LinkedHashMap<>();
        List<ValueSetExpansion> inIndexOrder = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            ValueSetExpansion expansion = byId.get(ids.get(i));
            index.put(expansion.id(), i);
            inIndexOrder.add(expansion);
            for (String name : expansion.names()) {
                names.computeIfAbsent(name, n -> new BitSet()).set(i);
            }
        }
        this.indexById = Map.copyOf(index);
        this.codes = new CodeIndex(inIndexOrder);
        Map<String, List<IndexedName>> byFirstWord = new HashMap<>();
        Map<String, BitSet> folded = new LinkedHashMap<>();
        List<IndexedName> cjk = new ArrayList<>();
        names.forEach((name, holders) -> {
            if (Names.hasCjk(name)) {
                cjk.add(new IndexedName(name.strip(), holders));
                return;
            }
            byFirstWord.computeIfAbsent(Names.firstWord(name), w -> new ArrayList<>()).add(new IndexedName(name, holders));
            String key = Names.fold(name);
            if (key.strip().length() >= 2) {
                folded.computeIfAbsent(key, k -> new BitSet()).or(holders);
            }
        });
        this.namesByFirstWord = byFirstWord(byFirstWord);
        Map<String, List<IndexedName>> foldedByFirstWord = new HashMap<>();
        folded.forEach((key, holders) -> foldedByFirstWord.computeIfAbsent(Names.firstWord(key), w -> new ArrayList<>())
                .add(new IndexedName(key, holders)));
        this.foldedNamesByFirstWord = byFirstWord(foldedByFirstWord);
        this.cjkNames = List.copyOf(cjk);
    }

    private static Map<String, List<IndexedName>> byFirstWord(Map<String, List<IndexedName>> names) {
        Map<String, List<IndexedName>> frozen = new HashMap<>();
        names.forEach((word, list) -> frozen.put(word, List.copyOf(list)));
        return Map.copyOf(frozen);
    }

    /** Expands {@code valueSets}; {@code fileOf} names the file of each, for error messages. */
    static ValueSets expand(List<ValueSet> valueSets, Map<String, String> fileOf) {
        Map<String, ValueSet> byUrl = new HashMap<>();
        for (ValueSet vs : valueSets) {
            byUrl.put(vs.getUrl(), vs);
        }
        Map<String, ValueSetExpansion> expanded = new HashMap<>();
        for (ValueSet vs : valueSets) {
            expanded.put(vs.getIdPart(), ValueSetCompose.expand(vs, byUrl, fileOf, new HashSet<>()));
        }
        return new ValueSets(expanded);
    }

    /** The ids of the loaded value sets. */
    java.util.Set<String> ids() {
        return byId.keySet();
    }

    /** True if a value set with this id is loaded. */
    public boolean has(String valueSetId) {
        return byId.containsKey(valueSetId);
    }

    private ValueSetExpansion get(String valueSetId) {
        ValueSetExpansion expansion = byId.get(valueSetId);
        if (expansion == null) {
            throw unknown(valueSetId);
        }
        return expansion;
    }

    private int indexOf(String valueSetId) {
        Integer index = indexById.get(valueSetId);
        if (index == null) {
            throw unknown(valueSetId);
        }
        return index;
    }

    private static IllegalArgumentException unknown(String valueSetId) {
        return new IllegalArgumentException("no value set '" + valueSetId + "' in the knowledge");
    }

    /**
     * For findings (conditions, results): true if any coding is in the value set, or if the
     * concept's text or a coding's display names one of its members with no negation cue, unless a
     * coding is one the value set excludes (the code says what the text means). Text counts because
     * EHRs send local codes and text-only concepts; callers that must tell "negative" from
     * "positive" test the negative value set first.
     */
    public boolean matches(String valueSetId, CodeableConcept concept) {
        return concept != null && memberships(concept).asFinding(valueSetId);
    }

    /**
     * For medications: as {@link #matches} but without negation cues, since medication text holds
     * instructions ("do not crush", "no substitution") that say nothing against the drug; and a
     * name also matches through its transliteration key ({@link Names#fold}: "Efleyra" names
     * "Эфлейра"), clinical-v2.md section 1.6.
     */
    public boolean matchesMedication(String valueSetId, CodeableConcept concept) {
        return concept != null && memberships(concept).asMedication(valueSetId);
    }

    /**
     * True if {@code text} names a member of the value set (whole words, any case) and holds no
     * negation cue outside that name: "without active tuberculosis" does not name active TB, "not
     * detected" does name the negative answer "not detected".
     */
    public boolean matchesText(String valueSetId, String text) {
        int index = indexOf(valueSetId);
        if (text == null || text.isBlank()) {
            return false;
        }
        Memberships memberships = new Memberships(new BitSet(), new BitSet(), List.of());
        addNameMatches(Text.of(text), memberships);
        return memberships.finding.get(index);
    }

    /** Every value set the concept is in, as a finding ({@link #matches}) and as a medication ({@link #matchesMedication}). */
    Memberships memberships(CodeableConcept concept) {
        List<String> texts = new ArrayList<>();
        if (concept.hasText()) {
            texts.add(concept.getText());
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                texts.add(coding.getDisplay());
            }
        }
        Memberships memberships = new Memberships(new BitSet(), new BitSet(), texts);
        BitSet vetoed = new BitSet();
        for (Coding coding : concept.getCoding()) {
            if (coding.hasSystem() && coding.hasCode()) {
                String code = IcdCodes.normalize(coding.getSystem(), coding.getCode());
                codes.addHolders(coding.getSystem(), code, memberships.finding);
                codes.addVetoes(coding.getSystem(), code, vetoed);
            }
        }
        memberships.medication.or(memberships.finding);
        Memberships byName = new Memberships(new BitSet(), new BitSet(), List.of());
        addNames(byName, concept.getText());
        for (Coding coding : concept.getCoding()) {
            addNames(byName, coding.getDisplay());
        }
        byName.finding.andNot(vetoed);
        byName.medication.andNot(vetoed);
        memberships.finding.or(byName.finding);
        memberships.medication.or(byName.medication);
        memberships.vetoed = vetoed;
        return memberships;
    }

    private void addNames(Memberships memberships, String text) {
        if (text != null && !text.isBlank()) {
            addNameMatches(Text.of(text), memberships);
        }
    }

    /** Adds the value sets whose members the text names: as a medication always, as a finding unless a cue negates the name. */
    private void addNameMatches(Text text, Memberships memberships) {
        for (String word : text.words()) {
            List<IndexedName> candidates = namesByFirstWord.get(word);
            if (candidates != null) {
                for (IndexedName candidate : candidates) {
                    if (Names.containsName(text.normalized(), candidate.name())) {
                        memberships.medication.or(candidate.valueSets());
                        if (!negated(text.normalized(), candidate.name())) {
                            memberships.finding.or(candidate.valueSets());
                        }
                    }
                }
            }
        }
        if (!cjkNames.isEmpty() && Names.hasCjk(text.normalized())) {
            for (IndexedName candidate : cjkNames) {
                if (text.normalized().contains(candidate.name())) {
                    memberships.medication.or(candidate.valueSets());
                    if (!negated(text.normalized(), candidate.name())) {
                        memberships.finding.or(candidate.valueSets());
                    }
                }
            }
        }
    }

    /**
     * Adds, as a medication only, the value sets whose names the text names after transliteration
     * ({@link Names#fold} of both): Cyrillic written in Latin letters or the other way round, and
     * the romanisation variants of section 1.6. Findings are not matched this way: their names are
     * many and common words, and the key joins spellings on purpose.
     */
    private void addFoldedNameMatches(Text text, BitSet medication) {
        Text folded = Text.ofNormalized(Names.fold(text.normalized()));
        for (String word : folded.words()) {
            List<IndexedName> candidates = foldedNamesByFirstWord.get(word);
            if (candidates != null) {
                for (IndexedName candidate : candidates) {
                    if (Names.containsName(folded.normalized(), candidate.name())) {
                        medication.or(candidate.valueSets());
                    }
                }
            }
        }
    }

    /** A text in normalized form and its words, split once. */
    private record Text(String normalized, List<String> words) {

        static Text of(String text) {
            return ofNormalized(Names.normalize(text));
        }

        static Text ofNormalized(String normalized) {
            List<String> words = new ArrayList<>();
            int start = 1;
            while (start < normalized.length()) {
                int end = normalized.indexOf(' ', start);
                words.add(normalized.substring(start, end));
                start = end + 1;
            }
            return new Text(normalized, words);
        }
    }

    private boolean negated(String normalizedText, String matchedName) {
        for (String cue : negationCues) {
            if (Names.containsName(normalizedText, cue) && !Names.containsName(matchedName, cue)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The value sets one concept is in, found once and then asked about any number of value sets.
     * Asking about a value set the knowledge does not hold throws, as {@link #matches} does: a
     * misspelt id must fail, not read as "no match".
     */
    final class Memberships {
        private final BitSet finding;
        private final BitSet medication;
        private final List<String> texts;
        /** Medication matches after transliteration; found on the first question they could answer (conditions never pay for it). */
        private BitSet transliterated;
        /** Value sets that exclude one of the concept's codes: not members by any name, transliterated ones included. */
        private BitSet vetoed = new BitSet();

        private Memberships(BitSet finding, BitSet medication, List<String> texts) {
            this.finding = finding;
            this.medication = medication;
            this.texts = texts;
        }

        /** As {@link ValueSets#matches} for this concept. */
        boolean asFinding(String valueSetId) {
            return finding.get(indexOf(valueSetId));
        }

        /** As {@link ValueSets#matchesMedication} for this concept: by code, by a name as written, or transliterated. */
        boolean asMedication(String valueSetId) {
            int index = indexOf(valueSetId);
            return medication.get(index) || transliterated().get(index);
        }

        /** By code or by a name as written only: a drug named as written wins over one found by transliteration. */
        boolean asMedicationAsWritten(String valueSetId) {
            return medication.get(indexOf(valueSetId));
        }

        private BitSet transliterated() {
            if (transliterated == null) {
                BitSet found = new BitSet();
                for (String text : texts) {
                    addFoldedNameMatches(Text.of(text), found);
                }
                found.andNot(vetoed);
                transliterated = found;
            }
            return transliterated;
        }
    }

    /**
     * True if a coding of the concept is in one of the value sets by its code alone (listed, or
     * under an ICD-10 prefix): then {@link #matches} and {@link #matchesMedication} are true for it
     * whatever its text says, and the names need not be read. A quick yes; false says nothing.
     */
    public boolean holdsByCode(List<String> valueSetIds, CodeableConcept concept) {
        BitSet holders = new BitSet();
        for (Coding coding : concept.getCoding()) {
            if (coding.hasSystem() && coding.hasCode()) {
                codes.addHolders(coding.getSystem(), IcdCodes.normalize(coding.getSystem(), coding.getCode()), holders);
            }
        }
        if (holders.isEmpty()) {
            return false;
        }
        for (String valueSetId : valueSetIds) {
            if (holders.get(indexOf(valueSetId))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if the value set's members are only its listed codes: it names none of them (no display
     * or designation to match text by) and holds no ICD-10 codes by prefix. Only then does a FHIR
     * search by its codes find every resource {@link #matches} would take.
     */
    public boolean matchesOnlyByListedCodes(String valueSetId) {
        ValueSetExpansion expansion = get(valueSetId);
        return expansion.names().isEmpty() && expansion.prefixes().isEmpty() && !expansion.concepts().isEmpty()
                && expansion.concepts().stream().allMatch(c -> c.hasSystem() && c.hasCode());
    }

    /** The concepts of the value set in file order (included value sets after the value set's own). */
    public List<Coding> concepts(String valueSetId) {
        return get(valueSetId).concepts();
    }

    /** The value set's ICD-10 members by code prefix, each with its exclusions. */
    List<PrefixMember> prefixes(String valueSetId) {
        return get(valueSetId).prefixes();
    }

    /** The value set's exclusions and those of the value sets it includes ({@link ValueSetExpansion#vetoes}). */
    List<CodeExclusion> vetoes(String valueSetId) {
        return get(valueSetId).vetoes();
    }

    /** The value set's names, normalized (for tests that check matching against a plain reading). */
    List<String> names(String valueSetId) {
        return get(valueSetId).names();
    }
}
