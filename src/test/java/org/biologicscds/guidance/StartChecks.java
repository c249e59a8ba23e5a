package org.biologicscds.guidance;

/**
 * FHIR R4 JSON for the checks before a start (clinical-v2.md section 4: baseline-labs,
 * vaccination-before-start, jak-risk-factors, pregnancy-test-before-start): patients of a given age
 * and sex, laboratory results as labs send them (LOINC or local codes, units as written, reference
 * ranges or none), and immunizations coded with CVX.
 */
final class StartChecks {

    private StartChecks() {
    }

    /** A patient who is {@code years} old today (the birthday was 10 days ago). */
    static String patient(String gender, int years) {
        return patient(gender, Ehr.TODAY_DATE.minusYears(years).minusDays(10).toString());
    }

    /** A patient who turns {@code years} tomorrow: still {@code years - 1} today. */
    static String patientTurningTomorrow(String gender, int years) {
        return patient(gender, Ehr.TODAY_DATE.minusYears(years).plusDays(1).toString());
    }

    static String patient(String gender, String birthDate) {
        return """
                {"resourceType":"Patient","id":"pt-1","gender":"%s","birthDate":"%s"}
                """.formatted(gender, birthDate);
    }

    /** A numeric laboratory result with a UCUM code (or only a unit text when {@code ucum} is null). */
    static String lab(String id, String loinc, String display, String date, double value, String unit, String ucum,
                      Double high) {
        String quantity = "\"value\":" + value + ",\"unit\":\"" + unit + "\""
                + (ucum == null ? "" : ",\"system\":\"http://unitsofmeasure.org\",\"code\":\"" + ucum + "\"");
        String range = high == null ? "" : ",\"referenceRange\":[{\"high\":{\"value\":" + high + ",\"unit\":\"" + unit + "\"}}]";
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}],"text":"%s"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%sT07:40:00+01:00",
                 "valueQuantity":{%s}%s}
                """.formatted(id, loinc, display, display, date, quantity, range);
    }

    /** A CBC with differential sent as one panel Observation with its results as components (10*3/uL). */
    static String cbcPanel(String id, String date, double lymphocytes, double neutrophils, double hemoglobinGdl,
                           double platelets) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"57021-8","display":"CBC W Auto Differential panel - Blood"}],
                   "text":"CBC with diff"},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "component":[
                  {"code":{"coding":[{"system":"http://loinc.org","code":"731-0","display":"Lymphocytes [#/volume] in Blood by Automated count"}]},
                   "valueQuantity":{"value":%s,"unit":"x10^3/uL","system":"http://unitsofmeasure.org","code":"10*3/uL"}},
                  {"code":{"coding":[{"system":"http://loinc.org","code":"751-8","display":"Neutrophils [#/volume] in Blood by Automated count"}]},
                   "valueQuantity":{"value":%s,"unit":"x10^3/uL","system":"http://unitsofmeasure.org","code":"10*3/uL"}},
                  {"code":{"coding":[{"system":"http://loinc.org","code":"718-7","display":"Hemoglobin [Mass/volume] in Blood"}]},
                   "valueQuantity":{"value":%s,"unit":"g/dL","system":"http://unitsofmeasure.org","code":"g/dL"}},
                  {"code":{"coding":[{"system":"http://loinc.org","code":"777-3","display":"Platelets [#/volume] in Blood by Automated count"}]},
                   "valueQuantity":{"value":%s,"unit":"x10^3/uL","system":"http://unitsofmeasure.org","code":"10*3/uL"}}]}
                """.formatted(id, date, lymphocytes, neutrophils, hemoglobinGdl, platelets);
    }

    /** ALT in U/L with the laboratory's upper limit of normal (or none when {@code uln} is null). */
    static String alt(String id, String date, double value, Double uln) {
        return lab(id, "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", date, value, "U/L",
                "U/L", uln);
    }

    static String hemoglobin(String id, String date, double value, String unit) {
        return lab(id, "718-7", "Hemoglobin [Mass/volume] in Blood", date, value, unit, unit, null);
    }

    /** A given immunization coded with CVX. */
    static String immunization(String id, String cvx, String display, String date) {
        return """
                {"resourceType":"Immunization","id":"%s","status":"completed",
                 "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s","display":"%s"}],"text":"%s"},
                 "patient":{"reference":"Patient/pt-1"},"occurrenceDateTime":"%s"}
                """.formatted(id, cvx, display, display, date);
    }

    /** A qualitative serology result (LOINC answer Negative LA6577-6 / Positive LA6576-8). */
    static String serology(String id, String loinc, String display, String date, boolean positive) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]},
                 "subject":{"reference":"Patient/pt-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"%s","display":"%s"}]}}
                """.formatted(id, loinc, display, date, positive ? "LA6576-8" : "LA6577-6", positive ? "Positive" : "Negative");
    }

    /** Every vaccine of vaccination-before-start given: RZV x2, PCV20, influenza this season. */
    static String[] vaccinated() {
        return new String[] {
            immunization("rzv-1", "187", "zoster vaccine recombinant", "2025-03-01"),
            immunization("rzv-2", "187", "zoster vaccine recombinant", "2025-06-01"),
            immunization("pcv-1", "216", "Pneumococcal conjugate PCV20", "2025-03-01"),
            immunization("flu-1", "197", "influenza, high-dose, quadrivalent", "2026-10-02")};
    }

    /** A clean blood count and ALT 20 days ago. */
    static String[] cleanLabs() {
        return new String[] {cbcPanel("cbc-clean", Ehr.daysAgo(20), 1.8, 4.2, 13.9, 250), alt("alt-clean", Ehr.daysAgo(20), 22, 40.0)};
    }
}
