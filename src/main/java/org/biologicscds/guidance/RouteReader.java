package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * Reads the route of a draft order: the first of these that names exactly one route decides —
 * the dosage instructions' route codes ({@code dosageInstruction.route}, e.g. SNOMED 34206005), the
 * medication (product name such as Zymfentra or "Remsima SC", its text, the referenced
 * Medication's form), the dosage instructions' text ("120 mg SC every 2 weeks"). Which codes, words
 * and products mean which route is knowledge: {@code ValueSet/route-subcutaneous} and
 * {@code ValueSet/route-intravenous}. Immutable and thread-safe.
 */
final class RouteReader {

    /** The value sets of the knowledge that name a route; checked at start. */
    static final String SUBCUTANEOUS = "route-subcutaneous";
    static final String INTRAVENOUS = "route-intravenous";

    RouteReader(Knowledge knowledge) {
        for (String id : List.of(SUBCUTANEOUS, INTRAVENOUS)) {
            if (!knowledge.valueSets().has(id)) {
                throw new IllegalStateException("the knowledge has no ValueSet/" + id + ": the route of an order cannot be read");
            }
        }
    }

    AdministrationRoute route(MedicationRequest draft, PatientFacts facts) {
        List<CodeableConcept> routes = new ArrayList<>();
        List<CodeableConcept> texts = new ArrayList<>();
        for (Dosage dosage : draft.getDosageInstruction()) {
            if (dosage.hasRoute()) {
                routes.add(dosage.getRoute());
            }
            if (dosage.hasText()) {
                texts.add(new CodeableConcept().setText(dosage.getText()));
            }
        }
        List<CodeableConcept> medication = new ArrayList<>();
        medication.add(facts.medicationConcept(draft));
        facts.medicationForm(draft).ifPresent(medication::add);
        for (List<CodeableConcept> source : List.of(routes, medication, texts)) {
            AdministrationRoute route = named(source, facts);
            if (route != AdministrationRoute.NOT_STATED) {
                return route;
            }
        }
        return AdministrationRoute.NOT_STATED;
    }

    private static AdministrationRoute named(List<CodeableConcept> concepts, PatientFacts facts) {
        boolean subcutaneous = false;
        boolean intravenous = false;
        for (CodeableConcept concept : concepts) {
            subcutaneous |= facts.codes().matchesMedication(SUBCUTANEOUS, concept);
            intravenous |= facts.codes().matchesMedication(INTRAVENOUS, concept);
        }
        if (subcutaneous == intravenous) {
            return AdministrationRoute.NOT_STATED;
        }
        return subcutaneous ? AdministrationRoute.SUBCUTANEOUS : AdministrationRoute.INTRAVENOUS;
    }
}
