package org.biologicscds.guidance;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * What an order is for (clinical-v2.md 1.7): the order's {@code reasonCode} or {@code reasonReference}
 * when they name one of the indications asked about, else the patient's active conditions in those
 * indication value sets. Answers with value set ids, so that each rule keeps its own table keyed by them.
 */
final class OrderIndication {

    private OrderIndication() {
    }

    /** The value sets of {@code indicationSets} the order is for, in the order given; empty when none is known. */
    static List<String> of(BiologicOrder order, PatientFacts facts, List<String> indicationSets) {
        List<CodeableConcept> reasons = new ArrayList<>(order.draft().getReasonCode());
        reasons.addAll(facts.reasonConditionCodes(order.draft(), indicationSets));
        List<String> byReason = indicationSets.stream()
                .filter(set -> reasons.stream().anyMatch(reason -> facts.codes().matches(set, reason))).toList();
        if (!byReason.isEmpty()) {
            return byReason;
        }
        return indicationSets.stream().filter(set -> !facts.activeConditions(set).isEmpty()).toList();
    }
}
