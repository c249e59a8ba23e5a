package org.biologicscds.knowledge;

import java.util.Optional;

/**
 * A biologic in the catalogue, from its MedicationKnowledge.
 *
 * @param id            the MedicationKnowledge id, e.g. {@code infliximab}; also the id of its value set
 * @param name          the generic name, for card text
 * @param drugClass     the class code from {@code CodeSystem/biologic-class}, e.g. {@code tnf-inhibitor}
 * @param halfLifeDays  elimination half-life in days, empty when the catalogue has none
 * @param weightBasedDose the labelled mg/kg range, empty for drugs not dosed by weight
 * @param maintenanceIntervalDays the default maintenance dosing interval in days (clinical-v2.md 5.1),
 *                      for due dates when an order has no timing; empty when the catalogue has none
 */
public record Drug(String id, String name, String drugClass, Optional<Double> halfLifeDays,
                   Optional<DoseRange> weightBasedDose, Optional<Integer> maintenanceIntervalDays) {

    /** A drug without a maintenance interval in the catalogue. */
    public Drug(String id, String name, String drugClass, Optional<Double> halfLifeDays,
                Optional<DoseRange> weightBasedDose) {
        this(id, name, drugClass, halfLifeDays, weightBasedDose, Optional.empty());
    }

    /** A dose range in mg/kg. */
    public record DoseRange(double lowMgPerKg, double highMgPerKg) {
    }
}
