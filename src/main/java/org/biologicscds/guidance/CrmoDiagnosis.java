package org.biologicscds.guidance;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.biologicscds.knowledge.Knowledge;
import org.biologicscds.knowledge.RuleParameters;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * Which conditions of the CRMO value set are CRMO (clinical-v2.md 6.1): ICD-10 M86.3 ("chronic
 * multifocal osteomyelitis", both ICD-10 systems) is read as CRMO only when the patient was under
 * {@code age-limit-years} (30) at the condition's date (onset, else recorded date, else today); from that
 * age it is chronic osteomyelitis, whatever its text says. A condition without an M86.3 coding that the
 * value set holds by its name (a local code with the text "CRMO" or "chronic nonbacterial osteomyelitis")
 * is CRMO at any age. Without a birth date an M86.3 code is read as CRMO ({@link #ageUnknown}).
 * Reads the rule's {@code crmo-value-set}, {@code age-limited-prefix} and {@code age-limit-years}.
 */
final class CrmoDiagnosis {

    private static final List<String> ICD10 = List.of("http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10");

    private final String valueSet;
    private final List<String> ageLimitedPrefixes;
    private final int ageLimitYears;

    CrmoDiagnosis(Knowledge knowledge, String ruleId) {
        RuleParameters parameters = knowledge.parameters(ruleId);
        this.valueSet = knowledge.valueSet(ruleId, "crmo-value-set");
        this.ageLimitedPrefixes = parameters.strings("age-limited-prefix").stream().map(CrmoDiagnosis::normal).toList();
        this.ageLimitYears = parameters.integer("age-limit-years");
        if (ageLimitedPrefixes.isEmpty()) {
            throw parameters.invalid("age-limited-prefix", "is missing");
        }
    }

    int ageLimitYears() {
        return ageLimitYears;
    }

    /** Active conditions that are CRMO, newest first. */
    List<Condition> crmo(PatientFacts facts) {
        return facts.activeConditions(valueSet).stream().filter(c -> !overAgeLimit(c, facts)).toList();
    }

    /** Active conditions coded M86.3 in a patient aged {@code age-limit-years} or more at their date: chronic osteomyelitis. */
    List<Condition> osteomyelitisFromAgeLimit(PatientFacts facts) {
        return facts.activeConditions(valueSet).stream().filter(c -> overAgeLimit(c, facts)).toList();
    }

    /** True if the condition is CRMO only by an age-limited code and the patient's birth date is not known. */
    boolean ageUnknown(Condition condition, PatientFacts facts) {
        return ageLimited(condition) && ageAt(condition, facts).isEmpty();
    }

    /** The patient's age in whole years at the condition's date, if the birth date is known. */
    Optional<Integer> ageAt(Condition condition, PatientFacts facts) {
        LocalDate on = PatientFacts.conditionDate(condition).orElse(facts.today());
        return facts.record().patient().filter(p -> p.hasBirthDateElement())
                .flatMap(p -> FhirDates.day(p.getBirthDateElement()))
                .map(birth -> (int) ChronoUnit.YEARS.between(birth, on));
    }

    private boolean overAgeLimit(Condition condition, PatientFacts facts) {
        return ageLimited(condition) && ageAt(condition, facts).map(age -> age >= ageLimitYears).orElse(false);
    }

    /** Coded with an age-limited ICD-10 code (M86.3, any subcode, either ICD-10 system). */
    boolean ageLimited(Condition condition) {
        boolean limitedCode = false;
        for (Coding coding : condition.getCode().getCoding()) {
            if (coding.hasCode() && ICD10.contains(coding.getSystem())
                    && ageLimitedPrefixes.stream().anyMatch(normal(coding.getCode())::startsWith)) {
                limitedCode = true;
            }
        }
        return limitedCode;
    }

    private static String normal(String code) {
        return code.replace(".", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }
}
