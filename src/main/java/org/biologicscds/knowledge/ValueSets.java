package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Membership in the knowledge's value sets, by code or by name. Value sets are explicit
 * enumerations ({@code compose.include.concept}) and may include other value sets of the folder;
 * they are expanded once at load. Immutable and thread-safe.
 */
public final class ValueSets {

    /**
     * One expanded value set. Codes are keyed {@code system|code}; names are normalized, and indexed
     * by their first word ({@code byFirstWord}) so that matching a text looks only at the names that
     * could start at one of its words.
     */
    record Expansion(String id, Set<String> codes, List<String> names, List<Coding> concepts,
                     Map<String, List<String>> byFirstWord, Map<String, Set<String>> codesBySystem) {

        Expansion(String id, Set<String> codes, List<String> names, List<Coding> concepts) {
            this(id, codes, names, concepts, index(names), bySystem(concepts));
        }

        /** The codes by system: a lookup with the coding's own strings, no {@code system|code} key built per question. */
        private static Map<String, Set<String>> bySystem(List<Coding> concepts) {
            Map<String, Set<String>> bySystem = new HashMap<>();
            for (Coding concept : concepts) {
                if (concept.getSystem() != null && concept.getCode() != null) {
                    bySystem.computeIfAbsent(concept.getSystem(), s -> new HashSet<>()).add(concept.getCode());
                }
            }
            Map<String, Set<String>> frozen = new HashMap<>();
            bySystem.forEach((system, codes) -> frozen.put(system, Set.copyOf(codes)));
            return Map.copyOf(frozen);
        }

        private static Map<String, List<String>> index(List<String> names) {
            Map<String, List<String>> byFirstWord = new HashMap<>();
            for (String name : names) {
                byFirstWord.computeIfAbsent(Names.firstWord(name), w -> new ArrayList<>()).add(name);
            }
            Map<String, List<String>> frozen = new HashMap<>();
            byFirstWord.forEach((word, list) -> frozen.put(word, List.copyOf(list)));
            return Map.copyOf(frozen);
        }
    }

    /** The value set of phrases that keep a name in free text from counting (negations, family history). */
    static final String NEGATION_CUES = "text-negation-cues";

    private final Map<String, Expansion> byId;
    private final List<String> negationCues;

    private ValueSets(Map<String, Expansion> byId) {
        this.byId = Map.copyOf(byId);
        this.negationCues = byId.containsKey(NEGATION_CUES) ? byId.get(NEGATION_CUES).names() : List.of();
    }

    /** Expands {@code valueSets}; {@code fileOf} names the file of each, for error messages. */
    static ValueSets expand(List<ValueSet> valueSets, Map<String, String> fileOf) {
        Map<String, ValueSet> byUrl = new HashMap<>();
        for (ValueSet vs : valueSets) {
            byUrl.put(vs.getUrl(), vs);
        }
        Map<String, Expansion> expanded = new HashMap<>();
        for (ValueSet vs : valueSets) {
            expanded.put(vs.getIdPart(), expand(vs, byUrl, fileOf, new HashSet<>()));
        }
        return new ValueSets(expanded);
    }

    private static Expansion expand(ValueSet vs, Map<String, ValueSet> byUrl, Map<String, String> fileOf,
                                    Set<String> visiting) {
        String file = fileOf.getOrDefault(vs.getUrl(), vs.getIdPart());
        if (!visiting.add(vs.getUrl())) {
            throw new KnowledgeException(file, "value set includes itself through " + visiting);
        }
        Set<String> codes = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        List<Coding> concepts = new ArrayList<>();
        if (!vs.getCompose().getExclude().isEmpty()) {
            throw new KnowledgeException(file, "compose.exclude is not supported: list the concepts to include");
        }
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            if (!include.getFilter().isEmpty()) {
                throw new KnowledgeException(file, "compose.include.filter is not supported: enumerate the concepts");
            }
            if (include.hasSystem() && include.getConcept().isEmpty()) {
                throw new KnowledgeException(file, "compose.include for " + include.getSystem()
                        + " lists no concept: a whole code system cannot be matched");
            }
            for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                codes.add(key(include.getSystem(), concept.getCode()));
                concepts.add(new Coding(include.getSystem(), concept.getCode(), concept.getDisplay()));
                addName(names, concept.getDisplay());
                for (ValueSet.ConceptReferenceDesignationComponent designation : concept.getDesignation()) {
                    addName(names, designation.getValue());
                }
            }
            for (var included : include.getValueSet()) {
                ValueSet other = byUrl.get(included.getValue());
                if (other == null) {
                    throw new KnowledgeException(file, "includes value set " + included.getValue()
                            + ", which is not in the knowledge folder");
                }
                Expansion inner = expand(other, byUrl, fileOf, new HashSet<>(visiting));
                codes.addAll(inner.codes());
                names.addAll(inner.names());
                concepts.addAll(inner.concepts());
            }
        }
        return new Expansion(vs.getIdPart(), Set.copyOf(codes), List.copyOf(names), List.copyOf(concepts));
    }

    private static void addName(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            String normalized = Names.normalize(name);
            if (normalized.strip().length() >= 2) {
                names.add(normalized);
            }
        }
    }

    static String key(String system, String code) {
        return system + "|" + code;
    }

    /** The ids of the loaded value sets. */
    java.util.Set<String> ids() {
        return byId.keySet();
    }

    /** True if a value set with this id is loaded. */
    public boolean has(String valueSetId) {
        return byId.containsKey(valueSetId);
    }

    private Expansion get(String valueSetId) {
        Expansion expansion = byId.get(valueSetId);
        if (expansion == null) {
            throw new IllegalArgumentException("no value set '" + valueSetId + "' in the knowledge");
        }
        return expansion;
    }

    /** True if the coding's system and code are in the value set. */
    public boolean containsCode(String valueSetId, Coding coding) {
        if (coding == null || !coding.hasSystem() || !coding.hasCode()) {
            return false;
        }
        Set<String> codes = get(valueSetId).codesBySystem().get(coding.getSystem());
        return codes != null && codes.contains(coding.getCode());
    }

    /**
     * For findings (conditions, results): true if any coding is in the value set, or if the
     * concept's text or a coding's display names one of its members with no negation cue. Text
     * counts because EHRs send local codes and text-only concepts; callers that must tell "negative"
     * from "positive" test the negative value set first.
     */
    public boolean matches(String valueSetId, CodeableConcept concept) {
        return matches(valueSetId, concept, true);
    }

    /**
     * For medications: as {@link #matches} but without negation cues, since medication text holds
     * instructions ("do not crush", "no substitution") that say nothing against the drug.
     */
    public boolean matchesMedication(String valueSetId, CodeableConcept concept) {
        return matches(valueSetId, concept, false);
    }

    private boolean matches(String valueSetId, CodeableConcept concept, boolean heedCues) {
        if (concept == null || concept.isEmpty()) {
            return false;
        }
        return matches(valueSetId, concept, namesOf(concept), heedCues);
    }

    /** As {@link #matches}, with the concept's names already normalized ({@link #namesOf}). */
    boolean matches(String valueSetId, CodeableConcept concept, List<Text> names, boolean heedCues) {
        return matchesCodes(valueSetId, concept) || matchesNames(valueSetId, names, heedCues);
    }

    private boolean matchesCodes(String valueSetId, CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            if (containsCode(valueSetId, coding)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The concept's text, then each coding's display, normalized ({@link Names#normalize}); blank
     * ones left out. Normalize once, then ask {@link #matchesNames} of as many value sets as needed.
     */
    static List<Text> namesOf(CodeableConcept concept) {
        List<Text> texts = new ArrayList<>(concept.getCoding().size() + 1);
        addNormalized(texts, concept.getText());
        for (Coding coding : concept.getCoding()) {
            addNormalized(texts, coding.getDisplay());
        }
        return texts;
    }

    private static void addNormalized(List<Text> texts, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(Text.of(text));
        }
    }

    /**
     * A text in normalized form and its words, split once so that asking many value sets about it
     * splits (and hashes) its words once.
     */
    record Text(String normalized, List<String> words) {

        static Text of(String text) {
            String normalized = Names.normalize(text);
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

    /** True if any of the normalized texts names a member of the value set (see {@link #matchesText}). */
    boolean matchesNames(String valueSetId, List<Text> texts, boolean heedCues) {
        for (Text text : texts) {
            if (matchesNormalized(valueSetId, text, heedCues)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if {@code text} names a member of the value set (whole words, any case) and holds no
     * negation cue outside that name: "without active tuberculosis" does not name active TB, "not
     * detected" does name the negative answer "not detected".
     */
    public boolean matchesText(String valueSetId, String text) {
        return matchesText(valueSetId, text, true);
    }

    private boolean matchesText(String valueSetId, String text, boolean heedCues) {
        if (text == null || text.isBlank()) {
            return false;
        }
        return matchesNormalized(valueSetId, Text.of(text), heedCues);
    }

    /** Every whole-word occurrence of a name starts at a word of the text: only names indexed under those words can match. */
    private boolean matchesNormalized(String valueSetId, Text text, boolean heedCues) {
        Map<String, List<String>> byFirstWord = get(valueSetId).byFirstWord();
        for (String word : text.words()) {
            List<String> candidates = byFirstWord.get(word);
            if (candidates != null) {
                for (String name : candidates) {
                    if (Names.containsName(text.normalized(), name) && !(heedCues && negated(text.normalized(), name))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private boolean negated(String normalizedText, String matchedName) {
        for (String cue : negationCues) {
            if (Names.containsName(normalizedText, cue) && !Names.containsName(matchedName, cue)) {
                return true;
            }
        }
        return false;
    }

    /** The concepts of the value set in file order (included value sets after the value set's own). */
    public List<Coding> concepts(String valueSetId) {
        return get(valueSetId).concepts();
    }
}
