package org.biologicscds.knowledge;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** Concepts shaped as EHRs send them, built from every member of every value set of the knowledge. */
final class EhrConcepts {

    private EhrConcepts() {
    }

    /**
     * Per member: coded; text only; negated text; a local code with the member's display; the
     * member's display inside a longer text, with a cue that names family history; and a concept
     * that carries two members at once (this one's code, the next one's display). Then an empty
     * concept and null.
     */
    static List<CodeableConcept> of(ValueSets valueSets) {
        List<CodeableConcept> concepts = new ArrayList<>();
        List<Coding> all = new ArrayList<>();
        for (String id : valueSets.ids().stream().sorted().toList()) {
            all.addAll(valueSets.concepts(id));
        }
        for (int i = 0; i < all.size(); i++) {
            Coding member = all.get(i);
            Coding next = all.get((i + 1) % all.size());
            concepts.add(new CodeableConcept().addCoding(member.copy()));
            concepts.add(new CodeableConcept().addCoding(member.copy()).addCoding(new Coding("urn:local", "x2", next.getDisplay())));
            if (member.hasDisplay()) {
                concepts.add(new CodeableConcept().setText(member.getDisplay()));
                concepts.add(new CodeableConcept().setText("no " + member.getDisplay()));
                concepts.add(new CodeableConcept().setText("Mother had " + member.getDisplay() + ", 2019"));
                concepts.add(new CodeableConcept().addCoding(new Coding("urn:local", "x1", member.getDisplay())));
            }
        }
        for (String id : valueSets.ids().stream().sorted().toList()) {
            for (PrefixMember member : valueSets.prefixes(id)) {
                for (String code : icdForms(member.prefix())) {
                    concepts.add(new CodeableConcept().addCoding(new Coding(member.system(), code, null)));
                }
                for (CodeExclusion exclusion : member.exclusions()) {
                    for (String code : icdForms(exclusion.code())) {
                        concepts.add(new CodeableConcept().addCoding(new Coding(exclusion.system(), code, null)));
                    }
                }
                concepts.add(new CodeableConcept().addCoding(new Coding("urn:local", member.prefix(), null)));
            }
        }
        concepts.add(new CodeableConcept());
        concepts.add(null);
        return concepts;
    }

    /**
     * An ICD-10 code as records write it: as listed, dotted ("K51.0"), undotted, lower case, one
     * level deeper ("K51.00", "K51.011"), and one character short (a parent, which must not match).
     */
    private static List<String> icdForms(String normalized) {
        List<String> forms = new ArrayList<>();
        forms.add(dotted(normalized));
        forms.add(normalized);
        forms.add(dotted(normalized).toLowerCase(java.util.Locale.ROOT));
        forms.add(dotted(normalized + "0"));
        forms.add(dotted(normalized + (normalized.length() < 4 ? "01" : "1")));
        if (normalized.length() > 1) {
            forms.add(dotted(normalized.substring(0, normalized.length() - 1)));
        }
        return forms;
    }

    private static String dotted(String code) {
        return code.length() > 3 ? code.substring(0, 3) + "." + code.substring(3) : code;
    }

    static String describe(CodeableConcept concept) {
        return concept == null ? "null" : concept.getText() + " " + concept.getCoding().stream()
                .map(c -> c.getSystem() + "|" + c.getCode() + " " + c.getDisplay()).toList();
    }
}
