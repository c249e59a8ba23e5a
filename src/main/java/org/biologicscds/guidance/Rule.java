package org.biologicscds.guidance;

import java.util.List;

/**
 * One family of checks of the biologic guidance. A rule is a pure function of the order and the
 * patient's facts: no JSON, no HTTP, no clock of its own. It returns findings as data (empty when
 * nothing applies); it throws only when it cannot run, and that must surface as an error.
 */
public interface Rule {

    List<Finding> evaluate(BiologicOrder order, PatientFacts facts);
}
