package org.biologicscds.knowledge;

import java.util.List;

/**
 * One value set of the knowledge, expanded at load: the concepts it lists (its own, then those of
 * the value sets it includes, less its exclusions), the ICD-10 code prefixes it holds, and its names.
 *
 * @param id       the value set's id
 * @param names    the names of its concepts, normalized ({@link Names#normalize})
 * @param concepts the listed concepts, in file order
 * @param prefixes the ICD-10 codes it holds by prefix, each with the exclusions that apply to it
 * @param vetoes   every exclusion of this value set and of the value sets it includes: a concept coded
 *                 with a code one of them takes out is not a member by its names either (the code
 *                 says what the text means: G37.3 "acute transverse myelitis in demyelinating disease
 *                 of central nervous system" is not CNS demyelination however its display reads)
 */
record ValueSetExpansion(String id, List<String> names, List<org.hl7.fhir.r4.model.Coding> concepts,
                         List<PrefixMember> prefixes, List<CodeExclusion> vetoes) {

    ValueSetExpansion {
        names = List.copyOf(names);
        concepts = List.copyOf(concepts);
        prefixes = List.copyOf(prefixes);
        vetoes = List.copyOf(vetoes);
    }
}
