package org.biologicscds.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.biologicscds.knowledge.ConceptMatcher;
import org.biologicscds.knowledge.DataNeed;
import org.biologicscds.knowledge.DataNeeds;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Which prefetched resources are worth handing to HAPI's parser, judged on the JSON tree the
 * request was read into: parsing is most of what a call costs, and an EHR's prefetch holds much
 * that no rule reads. A resource is kept when a {@link DataNeed} of the knowledge can read it: its
 * type is read whole, or its concept at a need's path is in the need's value set by the very
 * matching the rules use ({@link ConceptMatcher}: codes, ICD-10 prefixes, names in text and display,
 * transliteration), asked about a {@link CodeableConcept} built from the JSON's codings and text.
 *
 * <p>Kept always: Patient, Medication (what medication references resolve to), OperationOutcome
 * (a failed search must still be seen as failed) and Bundle (whose entries are screened one by one;
 * the Bundle itself is still parsed, so its OperationOutcome entries and shape are judged as
 * before). Anything the screen cannot judge surely (a type HAPI does not know, a concept that is
 * not shaped as one, a choice element of another type, no concept at any path) is kept, and the
 * parser decides as it did before. An entry dropped is simply not parsed. Immutable and
 * thread-safe; built once per knowledge.
 */
public final class PrefetchScreen {

    private static final Set<String> ALWAYS_KEPT = Set.of("Patient", "Medication", "OperationOutcome", "Bundle");
    private static final Set<String> R4_TYPES = Arrays.stream(ResourceType.values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());
    /** The elements a CodeableConcept may have; an object with any other is something else (a Reference). */
    private static final Set<String> CONCEPT_FIELDS = Set.of("coding", "text", "_text", "id", "extension", "fhir_comments");
    private static final String[] CODING_STRINGS = {"system", "code", "display"};

    private static final PrefetchScreen KEEP_ALL = new PrefetchScreen(null, Set.of(), Map.of());

    /** A concept path split at its dots, with the value sets the needs at that path filter on. */
    private record Filter(String[] path, List<String> valueSetIds) {
    }

    /** What one filter says of one resource; ordered so that the strongest reason to keep wins. */
    private enum Verdict { ABSENT, NO_MATCH, ODD, MATCH }

    private final Knowledge knowledge;
    private final Set<String> readWhole;
    private final Map<String, List<Filter>> filtersByType;

    private PrefetchScreen(Knowledge knowledge, Set<String> readWhole, Map<String, List<Filter>> filtersByType) {
        this.knowledge = knowledge;
        this.readWhole = Set.copyOf(readWhole);
        this.filtersByType = Map.copyOf(filtersByType);
    }

    /** The screen that keeps everything: what every value is parsed under when no rule says what it reads. */
    public static PrefetchScreen keepingEverything() {
        return KEEP_ALL;
    }

    /** The screen of what the knowledge's rules read ({@link Knowledge#dataNeeds()}). */
    public static PrefetchScreen of(Knowledge knowledge) {
        return of(knowledge.dataNeeds(), knowledge);
    }

    /**
     * The screen of {@code needs}, matching concepts with {@code knowledge}'s value sets. Fails if a
     * need names a value set the knowledge does not hold: a misspelt id must not read as "no match"
     * and drop what it was meant to keep.
     */
    public static PrefetchScreen of(DataNeeds needs, Knowledge knowledge) {
        if (needs.isEverything()) {
            return KEEP_ALL;
        }
        Set<String> whole = new HashSet<>();
        Map<String, Map<String, List<String>>> valueSetsByPath = new HashMap<>();
        for (DataNeed need : needs.all()) {
            if (need.unfiltered()) {
                whole.add(need.resourceType());
            } else {
                if (!knowledge.valueSets().has(need.valueSetId())) {
                    throw new IllegalArgumentException("a data need of " + need.resourceType() + " names value set '"
                            + need.valueSetId() + "', which is not loaded");
                }
                valueSetsByPath.computeIfAbsent(need.resourceType(), t -> new LinkedHashMap<>())
                        .computeIfAbsent(need.path(), p -> new ArrayList<>()).add(need.valueSetId());
            }
        }
        whole.forEach(valueSetsByPath::remove);
        Map<String, List<Filter>> filters = new HashMap<>();
        valueSetsByPath.forEach((type, byPath) -> filters.put(type, byPath.entrySet().stream()
                .map(e -> new Filter(e.getKey().split("\\."), List.copyOf(e.getValue()))).toList()));
        return new PrefetchScreen(knowledge, whole, filters);
    }

    /** True when this screen keeps every resource (no needs declared). */
    public boolean keepsEverything() {
        return knowledge == null;
    }

    /**
     * What to parse of one prefetch value: the value itself, a copy of a Bundle without the entries
     * no need can read (sharing the kept entries' nodes, the original untouched), or null when the
     * value is one resource no need can read.
     */
    public JsonNode screen(JsonNode value) {
        if (keepsEverything() || !(value instanceof ObjectNode resource)) {
            return value;
        }
        ConceptMatcher matcher = new ConceptMatcher(knowledge);
        if ("Bundle".equals(textOf(resource.get("resourceType")))) {
            return pruned(resource, matcher);
        }
        return keeps(resource, matcher) ? value : null;
    }

    /** True if a need can read this one resource (or the screen cannot tell). */
    public boolean keeps(JsonNode resource) {
        return keepsEverything() || keeps(resource, new ConceptMatcher(knowledge));
    }

    private JsonNode pruned(ObjectNode bundle, ConceptMatcher matcher) {
        if (!(bundle.get("entry") instanceof ArrayNode entries)) {
            return bundle; // no entries, or a shape the parser judges
        }
        List<JsonNode> kept = new ArrayList<>(entries.size());
        for (JsonNode entry : entries) {
            if (!(entry instanceof ObjectNode) || keeps(entry.get("resource"), matcher)) {
                kept.add(entry);
            }
        }
        if (kept.size() == entries.size()) {
            return bundle;
        }
        ObjectNode copy = bundle.objectNode();
        copy.setAll(bundle); // a shallow copy: the kept entries are the request's own nodes, read-only here
        copy.putArray("entry").addAll(kept);
        return copy;
    }

    private boolean keeps(JsonNode node, ConceptMatcher matcher) {
        if (!(node instanceof ObjectNode resource)) {
            return true; // no resource, or not an object: the parser decides, as before
        }
        String type = textOf(resource.get("resourceType"));
        if (type == null || ALWAYS_KEPT.contains(type) || !R4_TYPES.contains(type) || readWhole.contains(type)) {
            return true;
        }
        List<Filter> filters = filtersByType.get(type);
        if (filters == null) {
            return false; // a type no rule reads
        }
        Verdict verdict = Verdict.ABSENT;
        for (Filter filter : filters) {
            verdict = stronger(verdict, at(resource, filter.path(), 0, filter.valueSetIds(), matcher));
            if (verdict == Verdict.MATCH) {
                return true;
            }
        }
        // ABSENT: none of the paths holds a concept, so the screen cannot judge the resource.
        return verdict != Verdict.NO_MATCH;
    }

    /** What the concepts at {@code path[from..]} under {@code node} say about the value sets. */
    private Verdict at(JsonNode node, String[] path, int from, List<String> valueSetIds, ConceptMatcher matcher) {
        if (node instanceof ArrayNode array) {
            Verdict verdict = Verdict.ABSENT;
            for (JsonNode element : array) {
                verdict = stronger(verdict, at(element, path, from, valueSetIds, matcher));
            }
            return verdict;
        }
        if (!(node instanceof ObjectNode object)) {
            return Verdict.ODD;
        }
        JsonNode child = object.get(path[from]);
        if (child == null && from == path.length - 1) {
            child = object.get(path[from] + "CodeableConcept");
            if (child == null && hasOtherChoice(object, path[from])) {
                return Verdict.ODD; // e.g. medicationReference: the concept is elsewhere
            }
        }
        if (child == null || child.isNull()) {
            return Verdict.ABSENT;
        }
        if (from < path.length - 1) {
            return at(child, path, from + 1, valueSetIds, matcher);
        }
        return concepts(child, valueSetIds, matcher);
    }

    private Verdict concepts(JsonNode value, List<String> valueSetIds, ConceptMatcher matcher) {
        if (value instanceof ArrayNode array) {
            Verdict verdict = Verdict.ABSENT;
            for (JsonNode element : array) {
                verdict = stronger(verdict, concepts(element, valueSetIds, matcher));
            }
            return verdict;
        }
        CodeableConcept concept = concept(value);
        if (concept == null) {
            return Verdict.ODD;
        }
        if (knowledge.valueSets().holdsByCode(valueSetIds, concept)) {
            return Verdict.MATCH; // most kept concepts: a code lookup, no names read
        }
        // One concept, matched once (the matcher remembers it); as a finding or as a medication,
        // whichever a rule asks: the medication match takes more (negated names, transliteration).
        for (String valueSetId : valueSetIds) {
            if (matcher.matches(valueSetId, concept) || matcher.matchesMedication(valueSetId, concept)) {
                return Verdict.MATCH;
            }
        }
        return Verdict.NO_MATCH;
    }

    /**
     * The concept as HAPI would read it (the same setters its parser calls), or null if the JSON is
     * not shaped as a CodeableConcept: then the screen cannot judge it.
     */
    private static CodeableConcept concept(JsonNode value) {
        if (!(value instanceof ObjectNode object)) {
            return null;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (!CONCEPT_FIELDS.contains(names.next())) {
                return null;
            }
        }
        CodeableConcept concept = new CodeableConcept();
        JsonNode text = object.get("text");
        if (text != null && !text.isNull()) {
            if (!text.isTextual()) {
                return null;
            }
            concept.getTextElement().setValueAsString(text.textValue());
        }
        JsonNode codings = object.get("coding");
        if (codings == null || codings.isNull()) {
            return concept;
        }
        // A single object where the spec wants an array: the lenient parser reads it as one coding.
        Iterable<JsonNode> each = codings instanceof ArrayNode array ? array : List.of(codings);
        for (JsonNode element : each) {
            Coding coding = coding(element);
            if (coding == null) {
                return null;
            }
            concept.addCoding(coding);
        }
        return concept;
    }

    private static Coding coding(JsonNode element) {
        if (!(element instanceof ObjectNode object)) {
            return null;
        }
        Coding coding = new Coding();
        for (String field : CODING_STRINGS) {
            JsonNode value = object.get(field);
            if (value == null || value.isNull()) {
                continue;
            }
            if (!value.isTextual()) {
                return null;
            }
            switch (field) {
                case "system" -> coding.getSystemElement().setValueAsString(value.textValue());
                case "code" -> coding.getCodeElement().setValueAsString(value.textValue());
                default -> coding.getDisplayElement().setValueAsString(value.textValue());
            }
        }
        return coding;
    }

    /** True if the object holds {@code name} as a choice element of a type other than CodeableConcept. */
    private static boolean hasOtherChoice(ObjectNode object, String name) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (field.length() > name.length() && field.startsWith(name)
                    && Character.isUpperCase(field.charAt(name.length()))) {
                return true;
            }
        }
        return false;
    }

    private static Verdict stronger(Verdict a, Verdict b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String textOf(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
