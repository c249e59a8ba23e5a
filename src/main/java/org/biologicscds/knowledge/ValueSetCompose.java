package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Reads a value set's {@code compose} into a {@link ValueSetExpansion}, with no terminology server:
 * <ul>
 *   <li>{@code include.concept}: the codes listed, any system; their {@code display} and
 *       {@code designation} values are the value set's names;</li>
 *   <li>{@code include.filter} with property {@code concept} and op {@code is-a}, for ICD-10-CM and
 *       WHO ICD-10 only: every code starting with the value, dots ignored (clinical-v2.md section 6:
 *       "membership is by prefix"). SNOMED CT descendants are listed as concepts instead, since no
 *       release is available to the build (amendment 2);</li>
 *   <li>{@code include.valueSet}: the other value set's members, its exclusions applied first;</li>
 *   <li>{@code exclude.concept} (that code) and {@code exclude.filter} is-a (that code and those
 *       under it): exclusions win over every inclusion of the same value set, and a concept coded
 *       with an excluded code is not a member by its text or display either
 *       ({@link ValueSetExpansion#vetoes}).</li>
 * </ul>
 * Anything else (other filters, a whole code system, an include that both names a system and a
 * value set) is refused with the file and the reason, so that nothing is silently matched wider or
 * narrower than the file says.
 */
final class ValueSetCompose {

    private ValueSetCompose() {
    }

    /** Expands {@code vs}; {@code visiting} holds the value sets being expanded around it, to refuse cycles. */
    static ValueSetExpansion expand(ValueSet vs, Map<String, ValueSet> byUrl, Map<String, String> fileOf,
                                    Set<String> visiting) {
        String file = fileOf.getOrDefault(vs.getUrl(), vs.getIdPart());
        if (!visiting.add(vs.getUrl())) {
            throw new KnowledgeException(file, "value set includes itself through " + visiting);
        }
        List<CodeExclusion> exclusions = exclusions(vs, file);
        Set<String> names = new LinkedHashSet<>();
        List<Coding> concepts = new ArrayList<>();
        List<PrefixMember> prefixes = new ArrayList<>();
        Set<CodeExclusion> vetoes = new LinkedHashSet<>(exclusions);
        for (ValueSet.ConceptSetComponent include : vs.getCompose().getInclude()) {
            if (include.hasSystem() && include.hasValueSet()) {
                throw new KnowledgeException(file, "an include with both a system and a value set (their intersection)"
                        + " is not supported: use two includes");
            }
            if (include.hasSystem() && include.getConcept().isEmpty() && include.getFilter().isEmpty()) {
                throw new KnowledgeException(file, "compose.include for " + include.getSystem()
                        + " lists no concept and no filter: a whole code system cannot be matched");
            }
            for (ValueSet.ConceptSetFilterComponent filter : include.getFilter()) {
                prefixes.add(new PrefixMember(include.getSystem(), isAValue(file, include.getSystem(), filter, "include"),
                        exclusions));
            }
            for (ValueSet.ConceptReferenceComponent concept : include.getConcept()) {
                if (PrefixMember.excluded(exclusions, include.getSystem(),
                        IcdCodes.normalize(include.getSystem(), concept.getCode()))) {
                    continue;
                }
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
                ValueSetExpansion inner = expand(other, byUrl, fileOf, new HashSet<>(visiting));
                names.addAll(inner.names());
                for (Coding concept : inner.concepts()) {
                    if (!PrefixMember.excluded(exclusions, concept.getSystem(),
                            IcdCodes.normalize(concept.getSystem(), concept.getCode()))) {
                        concepts.add(concept);
                    }
                }
                inner.prefixes().forEach(member -> prefixes.add(member.excluding(exclusions)));
                vetoes.addAll(inner.vetoes());
            }
        }
        return new ValueSetExpansion(vs.getIdPart(), List.copyOf(names), concepts, prefixes, List.copyOf(vetoes));
    }

    private static List<CodeExclusion> exclusions(ValueSet vs, String file) {
        List<CodeExclusion> exclusions = new ArrayList<>();
        for (ValueSet.ConceptSetComponent exclude : vs.getCompose().getExclude()) {
            if (exclude.hasValueSet() || !exclude.hasSystem()) {
                throw new KnowledgeException(file, "compose.exclude must name a system and list concepts or is-a filters"
                        + " (excluding a value set is not supported)");
            }
            String system = exclude.getSystem();
            for (ValueSet.ConceptReferenceComponent concept : exclude.getConcept()) {
                exclusions.add(new CodeExclusion(system, IcdCodes.normalize(system, concept.getCode()), false));
            }
            for (ValueSet.ConceptSetFilterComponent filter : exclude.getFilter()) {
                exclusions.add(new CodeExclusion(system, isAValue(file, system, filter, "exclude"), true));
            }
            if (exclude.getConcept().isEmpty() && exclude.getFilter().isEmpty()) {
                throw new KnowledgeException(file, "compose.exclude for " + system + " lists no concept and no filter");
            }
        }
        return exclusions;
    }

    /** The normalized code of an {@code is-a} filter on {@code concept}, the only filter the matcher knows. */
    private static String isAValue(String file, String system, ValueSet.ConceptSetFilterComponent filter, String where) {
        if (!IcdCodes.isIcd(system)) {
            throw new KnowledgeException(file, "compose." + where + ".filter is supported for ICD-10-CM and ICD-10 only,"
                    + " not " + system + ": list the concepts (and their descendants) instead");
        }
        if (!"concept".equals(filter.getProperty()) || filter.getOp() != ValueSet.FilterOperator.ISA) {
            throw new KnowledgeException(file, "compose." + where + ".filter must be property 'concept', op 'is-a', not '"
                    + filter.getProperty() + "' " + (filter.hasOp() ? filter.getOp().toCode() : "(no op)"));
        }
        String code = filter.getValue() == null ? "" : IcdCodes.normalize(system, filter.getValue());
        if (!code.matches("[A-Z][0-9A-Z]*")) {
            throw new KnowledgeException(file, "compose." + where + ".filter value '" + filter.getValue()
                    + "' is not an ICD-10 code");
        }
        return code;
    }

    private static void addName(Set<String> names, String name) {
        if (name != null && !name.isBlank()) {
            String normalized = Names.normalize(name);
            if (normalized.strip().length() >= 2) {
                names.add(normalized);
            }
        }
    }
}
