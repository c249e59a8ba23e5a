package org.biologicscds.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.rest.api.RestSearchParameterTypeEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.biologicscds.record.QuietFhir;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The FHIRPath subset of R4 search parameter expressions that the sandbox evaluates itself. */
class SearchPathTest {

    private static final Set<RestSearchParameterTypeEnum> SEARCHED = Set.of(RestSearchParameterTypeEnum.TOKEN,
            RestSearchParameterTypeEnum.REFERENCE, RestSearchParameterTypeEnum.DATE, RestSearchParameterTypeEnum.STRING,
            RestSearchParameterTypeEnum.URI);

    @Test
    void everySearchedParameterOfTheRecordTypes_parses_butPatientDeceased() {
        List<String> refused = new ArrayList<>();
        for (String type : List.of("Patient", "Condition", "Observation", "MedicationRequest", "MedicationStatement",
                "Medication", "AllergyIntolerance", "Procedure", "Immunization", "Encounter", "ValueSet", "CodeSystem",
                "MedicationKnowledge")) {
            for (RuntimeSearchParam param : QuietFhir.context().getResourceDefinition(type).getSearchParams()) {
                if (SEARCHED.contains(param.getParamType())) {
                    try {
                        SearchPath.parse(param.getPath());
                    } catch (IllegalArgumentException e) {
                        refused.add(type + "." + param.getName());
                    }
                }
            }
        }
        assertThat(refused).containsExactly("Patient.deceased");
    }

    @Test
    void choiceElementsByBaseName_andTypeFilters() {
        Observation observation = new Observation();
        observation.setEffective(new DateTimeType("2026-09-15"));
        observation.setValue(new CodeableConcept().setText("Negative"));
        Condition condition = new Condition();
        condition.setOnset(new Period().setStartElement(new DateTimeType("2020-01-01")));

        List<Base> effective = SearchPath.parse("Observation.effective").evaluate(observation);
        List<Base> valueText = SearchPath.parse("(Observation.value as string) | (Observation.value as CodeableConcept).text")
                .evaluate(observation);
        List<Base> onsetDate = SearchPath.parse("Condition.onset.as(dateTime) | Condition.onset.as(Period)").evaluate(condition);

        assertThat(effective).extracting(Base::primitiveValue).containsExactly("2026-09-15");
        assertThat(valueText).extracting(Base::primitiveValue).containsExactly("Negative");
        assertThat(onsetDate).extracting(Base::fhirType).containsExactly("Period");
    }

    @Test
    void resolveIs_keepsOnlyReferencesToThatType_andOtherRootsSelectNothing() {
        Observation ofPatient = new Observation().setSubject(new Reference("Patient/1"));
        Observation ofGroup = new Observation().setSubject(new Reference("Group/1"));
        SearchPath patient = SearchPath.parse("Observation.subject.where(resolve() is Patient)");

        assertThat(patient.evaluate(ofPatient)).hasSize(1);
        assertThat(patient.evaluate(ofGroup)).isEmpty();
        assertThat(SearchPath.parse("Condition.subject").evaluate(ofPatient)).isEmpty();
    }

    @Test
    void expressionsBeyondTheSubset_areRefused() {
        assertThatThrownBy(() -> SearchPath.parse("Patient.deceased.exists() and Patient.deceased != false"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchPath.parse("Bundle.entry[0].resource")).isInstanceOf(IllegalArgumentException.class);
    }
}
