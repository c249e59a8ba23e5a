package org.biologicscds.knowledge;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * The plain reading of a value set's {@code compose}, straight from the FHIR resources, one value set
 * at a time and slowly: a code is a member when an include lists it, holds it by an is-a filter
 * (ICD-10 systems: the code starts with the filter's value, dots and case ignored) or includes a value
 * set that has it, and no exclude of that same value set takes it out. The oracle the indexed
 * {@link ValueSets} is checked against.
 */
final class PlainValueSets {

    private final Map<String, ValueSet> byUrl = new HashMap<>();
    private final Map<String, ValueSet> byId = new HashMap<>();

    PlainValueSets(Knowledge knowledge) {
        for (KnowledgeFile file : knowledge.files()) {
            if (file.resource() instanceof ValueSet vs) {
                byUrl.put(vs.getUrl(), vs);
                byId.put(vs.getIdPart(), vs);
            }
        }
    }

    boolean holds(String valueSetId, String system, String code) {
        return holds(byId.get(valueSetId), system, code);
    }

    private boolean holds(ValueSet vs, String system, String code) {
        boolean included = false;
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            included |= takes(include, system, code);
            for (var inner : include.getValueSet()) {
                included |= holds(byUrl.get(inner.getValue()), system, code);
            }
        }
        if (!included) {
            return false;
        }
        return vs.getCompose().getExclude().stream().noneMatch(exclude -> takes(exclude, system, code));
    }

    /**
     * True if the value set, or one it includes, excludes the code: a concept coded so is then not
     * a member by its names ({@link ValueSetExpansion#vetoes}).
     */
    boolean vetoes(String valueSetId, String system, String code) {
        return vetoes(byId.get(valueSetId), system, code);
    }

    private boolean vetoes(ValueSet vs, String system, String code) {
        if (vs.getCompose().getExclude().stream().anyMatch(exclude -> takes(exclude, system, code))) {
            return true;
        }
        return vs.getCompose().getInclude().stream().flatMap(include -> include.getValueSet().stream())
                .anyMatch(inner -> vetoes(byUrl.get(inner.getValue()), system, code));
    }

    private static boolean takes(ValueSet.ConceptSetComponent part, String system, String code) {
        if (!system.equals(part.getSystem())) {
            return false;
        }
        boolean icd = system.endsWith("/icd-10-cm") || system.endsWith("/icd-10");
        String plain = icd ? plain(code) : code;
        for (ValueSet.ConceptReferenceComponent concept : part.getConcept()) {
            if ((icd ? plain(concept.getCode()) : concept.getCode()).equals(plain)) {
                return true;
            }
        }
        for (ValueSet.ConceptSetFilterComponent filter : part.getFilter()) {
            if (plain.startsWith(plain(filter.getValue()))) {
                return true;
            }
        }
        return false;
    }

    private static String plain(String code) {
        return code.replace(".", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
