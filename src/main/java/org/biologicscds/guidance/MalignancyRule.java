package org.biologicscds.guidance;

import java.util.List;
import org.biologicscds.hooks.Indicator;
import org.biologicscds.knowledge.Knowledge;
import org.hl7.fhir.r4.model.Condition;

/**
 * {@code malignancy-history}: a TNF inhibitor for a patient with lymphoma (warning) or another
 * malignancy (info) on record, current or past.
 */
final class MalignancyRule implements Rule {

    static final String ID = "malignancy-history";

    private final List<String> appliesTo;
    private final String lymphoma;
    private final String malignancy;

    MalignancyRule(Knowledge knowledge) {
        this.appliesTo = knowledge.parameters(ID).strings("applies-to");
        this.lymphoma = knowledge.valueSet(ID, "warning-value-set");
        this.malignancy = knowledge.valueSet(ID, "info-value-set");
    }

    @Override
    public List<Finding> evaluate(BiologicOrder order, PatientFacts facts) {
        if (!order.isOneOf(appliesTo)) {
            return List.of();
        }
        String drug = order.drug().name();
        List<Condition> lymphomas = facts.conditions(lymphoma);
        if (!lymphomas.isEmpty()) {
            return List.of(new Finding(ID, Indicator.WARNING, "Lymphoma on record: TNF inhibitors such as " + drug
                    + " carry a lymphoma warning",
                    lymphomas.stream().map(c -> "On the problem list: " + Describe.condition(c)).toList(),
                    "Prefer a non-TNF biologic; if " + drug + " is used, agree it with oncology.", List.of()));
        }
        List<Condition> others = facts.conditions(malignancy);
        if (others.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(ID, Indicator.INFO, "History of malignancy: weigh " + drug + " against the cancer history",
                others.stream().map(c -> "On the problem list: " + Describe.condition(c)).toList(),
                "Check remission status and screening; consider a non-TNF biologic.", List.of()));
    }
}
