package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * How {@link ValueSetCompose} reads include filters, excludes and included value sets (FHIR R4
 * ValueSet.compose semantics: an exclude takes codes out of the value set it belongs to, not out of
 * the value sets that include it), and what it refuses rather than match wider or narrower than the
 * file says.
 */
class ValueSetComposeTest {

    private static final String CM = IcdCodes.ICD_10_CM;
    private static final String BASE = "http://biologics-cds.org/fhir/ValueSet/";

    @Test
    void anExcludeTakesCodesOutOfItsOwnValueSet_notOutOfAUnionWhereAnotherMemberHoldsThem() {
        ValueSet cns = valueSet("cns");
        cns.getCompose().addInclude(isA(CM, "G35", "G37"));
        cns.getCompose().addExclude(isA(CM, "G37.2", "G37.3"));
        ValueSet other = valueSet("other");
        other.getCompose().addInclude(isA(CM, "G37.3"));
        ValueSet union = valueSet("union");
        union.getCompose().addInclude().addValueSet(BASE + "cns");
        union.getCompose().addInclude().addValueSet(BASE + "other");
        ValueSet narrowed = valueSet("narrowed");
        narrowed.getCompose().addInclude().addValueSet(BASE + "cns");
        narrowed.getCompose().addExclude(isA(CM, "G37.9"));

        ValueSets sets = ValueSets.expand(List.of(cns, other, union, narrowed), Map.of());

        assertThat(member(sets, "cns", "G37.3")).isFalse();
        assertThat(member(sets, "cns", "G37.21")).isFalse();
        assertThat(member(sets, "cns", "G37.81")).isTrue();
        assertThat(member(sets, "union", "G37.3")).isTrue();
        assertThat(member(sets, "union", "G37.2")).isFalse();
        assertThat(member(sets, "narrowed", "G37.9")).isFalse();
        assertThat(member(sets, "narrowed", "G37.3")).isFalse();
        assertThat(member(sets, "narrowed", "G35.A")).isTrue();
    }

    @Test
    void anExcludeAlsoTakesOutListedConcepts_andVetoesTheirNames() {
        ValueSet ibd = valueSet("ibd");
        ibd.getCompose().addInclude().setSystem(CM).addConcept().setCode("K50.90").setDisplay("Crohn's disease");
        ibd.getCompose().addInclude(isA(CM, "K51"));
        ibd.getCompose().addExclude(isA(CM, "K50"));

        ValueSets sets = ValueSets.expand(List.of(ibd), Map.of());

        assertThat(member(sets, "ibd", "K50.90")).isFalse();
        assertThat(sets.concepts("ibd")).isEmpty();
        assertThat(sets.matches("ibd", new CodeableConcept().setText("Crohn's disease"))).isFalse();
        assertThat(sets.matches("ibd", new CodeableConcept().addCoding(new Coding(CM, "K51.00", "Crohn's disease")))).isTrue();
    }

    @Test
    void filtersOutsideIcd10_otherOperators_andBadValues_areRefusedWithTheFile() {
        assertRefused(filter(new ValueSet.ConceptSetComponent().setSystem("http://snomed.info/sct")
                .addFilter(new ValueSet.ConceptSetFilterComponent().setProperty("concept")
                        .setOp(ValueSet.FilterOperator.ISA).setValue("24700007"))), "ICD-10-CM and ICD-10 only");
        assertRefused(filter(new ValueSet.ConceptSetComponent().setSystem(CM)
                .addFilter(new ValueSet.ConceptSetFilterComponent().setProperty("concept")
                        .setOp(ValueSet.FilterOperator.DESCENDENTOF).setValue("K51"))), "op 'is-a'");
        assertRefused(filter(new ValueSet.ConceptSetComponent().setSystem(CM)
                .addFilter(new ValueSet.ConceptSetFilterComponent().setProperty("parent")
                        .setOp(ValueSet.FilterOperator.ISA).setValue("K51"))), "property 'concept'");
        assertRefused(filter(isA(CM, "K5*")), "not an ICD-10 code");

        ValueSet whole = valueSet("broken");
        whole.getCompose().addInclude().setSystem(CM);
        assertRefused(whole, "whole code system");

        ValueSet intersection = valueSet("broken");
        intersection.getCompose().addInclude(isA(CM, "K51").addValueSet(BASE + "other"));
        assertRefused(intersection, "intersection");

        ValueSet excludesValueSet = valueSet("broken");
        excludesValueSet.getCompose().addInclude(isA(CM, "K51"));
        excludesValueSet.getCompose().addExclude().addValueSet(BASE + "other");
        assertRefused(excludesValueSet, "excluding a value set");
    }

    private static ValueSet filter(ValueSet.ConceptSetComponent include) {
        ValueSet vs = valueSet("broken");
        vs.getCompose().addInclude(include);
        return vs;
    }

    private static void assertRefused(ValueSet vs, String reason) {
        assertThatThrownBy(() -> ValueSets.expand(List.of(vs), Map.of(vs.getUrl(), "ValueSet-broken.json")))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("ValueSet-broken.json: ")
                .hasMessageContaining(reason);
    }

    private static boolean member(ValueSets sets, String id, String code) {
        return sets.matches(id, new CodeableConcept().addCoding(new Coding(CM, code, null)));
    }

    private static ValueSet valueSet(String id) {
        ValueSet vs = new ValueSet();
        vs.setId(id);
        vs.setUrl(BASE + id);
        return vs;
    }

    private static ValueSet.ConceptSetComponent isA(String system, String... codes) {
        ValueSet.ConceptSetComponent part = new ValueSet.ConceptSetComponent().setSystem(system);
        for (String code : codes) {
            part.addFilter().setProperty("concept").setOp(ValueSet.FilterOperator.ISA).setValue(code);
        }
        return part;
    }
}
