package org.biologicscds.guidance;

import java.time.LocalDate;
import java.util.List;
import org.biologicscds.testing.Scenario;

/**
 * FHIR R4 JSON as EHRs send it, for the rule tests: the fixed day every scenario is evaluated on,
 * dates counted back from it, and the common resources (conditions, medication requests and
 * statements, orders) with optional fields left out when {@code null}, as real records do.
 */
final class Ehr {

    static final String TODAY = "2026-11-23";
    static final LocalDate TODAY_DATE = LocalDate.parse(TODAY);

    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    static final String ATC = "http://www.whocc.no/atc";

    private Ehr() {
    }

    /** A scenario on {@link #TODAY}. */
    static Scenario scenario() {
        return Scenario.on(TODAY);
    }

    static LocalDate daysAgoDate(int days) {
        return TODAY_DATE.minusDays(days);
    }

    /** yyyy-MM-dd, {@code days} before today. */
    static String daysAgo(int days) {
        return daysAgoDate(days).toString();
    }

    /** The rule ids of the findings that belong to the TB family. */
    static List<String> tbRuleIds(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).filter(id -> id.startsWith("tb-")).toList();
    }

    // ---- orders

    static String order(String rxcui, String display) {
        return Scenario.rxNormOrder(rxcui, display);
    }

    static String infliximabOrder() {
        return Scenario.infliximabOrder();
    }

    static String adalimumabOrder() {
        return order("1726846", "0.4 ML adalimumab 100 MG/ML Prefilled Syringe [Humira]");
    }

    static String certolizumabOrder() {
        return order("849599", "1 ML certolizumab pegol 200 MG/ML Prefilled Syringe [Cimzia]");
    }

    static String secukinumabOrder() {
        return order("1599788", "secukinumab");
    }

    static String ixekizumabOrder() {
        return order("1745099", "ixekizumab");
    }

    static String ustekinumabOrder() {
        return order("847083", "ustekinumab");
    }

    /** Netakimab as Russian EHRs send it: text only, no RxNorm code exists. */
    static String netakimabOrder() {
        return Scenario.textOrder("Efleira 120 mg/mL solution for subcutaneous injection");
    }

    // ---- conditions

    /**
     * A Condition with one coding; {@code clinicalStatus} and {@code onset} are left out when null,
     * as many problem lists send them.
     */
    static String condition(String id, String system, String code, String display, String clinicalStatus,
                            String onset) {
        StringBuilder json = new StringBuilder("""
                {"resourceType":"Condition","id":"%s",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-category",
                   "code":"problem-list-item"}]}],
                 "subject":{"reference":"Patient/pt-1"},
                 "code":{"coding":[{"system":"%s","code":"%s","display":"%s"}],"text":"%s"}"""
                .formatted(id, system, code, display, display));
        if (clinicalStatus != null) {
            json.append("""
                    ,"clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical",
                      "code":"%s"}]}""".formatted(clinicalStatus));
        }
        if (onset != null) {
            json.append(",\"onsetDateTime\":\"").append(onset).append('"');
        }
        return json.append('}').toString();
    }

    // ---- medications

    /** A MedicationRequest of the record with one RxNorm coding; {@code authoredOn} left out when null. */
    static String medicationRequest(String id, String rxcui, String display, String status, String authoredOn) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"%s","intent":"order",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"%s","code":"%s","display":"%s"}],"text":"%s"}%s}
                """.formatted(id, status, RXNORM, rxcui, display, display,
                authoredOn == null ? "" : ",\"authoredOn\":\"" + authoredOn + "\"");
    }

    /** A MedicationStatement (patient-reported or reconciled) with an effectivePeriod; end left out when null. */
    static String medicationStatement(String id, String rxcui, String display, String status, String start,
                                      String end) {
        return """
                {"resourceType":"MedicationStatement","id":"%s","status":"%s",
                 "subject":{"reference":"Patient/pt-1"},
                 "medicationCodeableConcept":{"coding":[{"system":"%s","code":"%s","display":"%s"}],"text":"%s"},
                 "effectivePeriod":{"start":"%s"%s}}
                """.formatted(id, status, RXNORM, rxcui, display, display, start,
                end == null ? "" : ",\"end\":\"" + end + "\"");
    }
}
