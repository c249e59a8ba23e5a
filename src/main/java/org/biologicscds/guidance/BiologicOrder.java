package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.biologicscds.knowledge.Drug;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * A biologic under review: a draft order (order hooks), or a therapy the patient is already on
 * (patient-view monitoring, {@link #therapyStart()} present).
 *
 * @param draft        the draft order; for a therapy under monitoring, the order it is recorded by, if any
 * @param reference    {@code MedicationRequest/<id>}, as the request names it
 * @param today        the day of the evaluation; every window is counted back from it
 * @param therapyStart when an ongoing therapy started; empty for a new order
 * @param route        how the order gives the drug, as it says (section 1.6, table 5.1): the drug is
 *                     the ingredient (both infliximab routes are {@code infliximab}); the route tells
 *                     a fixed subcutaneous dose (Zymfentra 120 mg) from a mg/kg infusion
 */
public record BiologicOrder(MedicationRequest draft, String reference, Drug drug, LocalDate today,
                            Optional<LocalDate> therapyStart, AdministrationRoute route) {

    /** A draft order of a biologic whose route is not known. */
    public BiologicOrder(MedicationRequest draft, String reference, Drug drug, LocalDate today) {
        this(draft, reference, drug, today, Optional.empty(), AdministrationRoute.NOT_STATED);
    }

    /** An order or ongoing therapy whose route is not known. */
    public BiologicOrder(MedicationRequest draft, String reference, Drug drug, LocalDate today,
                         Optional<LocalDate> therapyStart) {
        this(draft, reference, drug, today, therapyStart, AdministrationRoute.NOT_STATED);
    }

    /** True if the order says the drug is given under the skin (a fixed dose, never mg/kg). */
    public boolean subcutaneous() {
        return route == AdministrationRoute.SUBCUTANEOUS;
    }

    /** True for a therapy the patient is already on (monitoring), false for a new order. */
    public boolean ongoing() {
        return therapyStart.isPresent();
    }

    /** True if the drug is one of {@code idsOrClasses} (drug ids or class codes); an empty list means every drug. */
    public boolean isOneOf(List<String> idsOrClasses) {
        return idsOrClasses.isEmpty() || idsOrClasses.contains(drug.id()) || idsOrClasses.contains(drug.drugClass());
    }
}
