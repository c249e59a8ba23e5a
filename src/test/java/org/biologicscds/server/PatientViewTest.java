package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The patient-view service: the monitoring due for a patient already on a biologic, over HTTP. */
class PatientViewTest {

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static final String INFLIXIMAB_SINCE_2025 = """
            {"resourceType":"MedicationRequest","id":"ifx-1","status":"active","intent":"order",
             "subject":{"reference":"Patient/pv-1"},"authoredOn":"2025-01-10",
             "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
               "code":"1790546","display":"infliximab-dyyb 100 MG Injection [Inflectra]"}]}}""";

    private static String lab(String id, String loinc, String date, String answer) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
                 "subject":{"reference":"Patient/pv-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"%s"}]}}""".formatted(id, loinc, date, answer);
    }

    private static String nyhaIv(String date) {
        return """
                {"resourceType":"Observation","id":"nyha-%s","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"88020-3"}]},
                 "subject":{"reference":"Patient/pv-1"},"effectiveDateTime":"%s",
                 "valueCodeableConcept":{"coding":[{"system":"http://snomed.info/sct","code":"422293003",
                   "display":"New York Heart Association Classification - Class IV"}]}}""".formatted(date, date);
    }

    private static String vaccine(String cvx, String display, String date) {
        return """
                {"resourceType":"Immunization","id":"imm-%s","status":"completed","patient":{"reference":"Patient/pv-1"},
                 "vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"%s","display":"%s"}]},
                 "occurrenceDateTime":"%s"}""".formatted(cvx, cvx, display, date);
    }

    /** A patient-view request with every prefetch key; resources go to the key of their type. */
    private static String request(String... resources) {
        String base = """
                {"hook":"patient-view","hookInstance":"pv-test","context":{"userId":"Practitioner/1","patientId":"pv-1"},
                 "prefetch":{"patient":{"resourceType":"Patient","id":"pv-1","birthDate":"1980-05-01"},
                   "conditions":null,"observations":null,"medicationRequests":null,"medicationStatements":null,
                   "medicationAdministrations":null,"allergies":null,"procedures":null,"immunizations":null,"serviceRequests":null}}""";
        return Json.edit(base, root -> {
            ObjectNode prefetch = (ObjectNode) root.get("prefetch");
            for (String json : resources) {
                ObjectNode resource = Json.object(json);
                String key = switch (resource.get("resourceType").asText()) {
                    case "Condition" -> "conditions";
                    case "Observation" -> "observations";
                    case "MedicationRequest" -> "medicationRequests";
                    case "Immunization" -> "immunizations";
                    default -> throw new IllegalArgumentException(resource.get("resourceType").asText());
                };
                if (prefetch.get(key).isNull()) {
                    prefetch.set(key, Json.object("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[]}"));
                }
                ((ArrayNode) prefetch.get(key).get("entry")).addObject().set("resource", resource);
            }
        });
    }

    private static List<String> cards(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> cards = new ArrayList<>();
        for (JsonNode card : reply.json().get("cards")) {
            cards.add(card.at("/source/topic/code").asText() + "/" + card.get("indicator").asText());
        }
        return cards;
    }

    // ---- clinical-v2.md section 4, crmo-continuation (T = F,P): the week-52 taper review on chart open

    @Test
    void crmoOnInfliximabSinceCourseWeek52_taperReviewInfo_neverStart() throws Exception {
        String crmo = """
                {"resourceType":"Condition","id":"crmo-1","subject":{"reference":"Patient/pv-1"},
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"urn:oid:1.2.840.114350.1.13.0.1.7.2.696784","code":"CNO-22"}],
                   "text":"Chronic recurrent multifocal osteomyelitis (CRMO)"},"onsetDateTime":"2024-02-01"}""";
        String infliximab = INFLIXIMAB_SINCE_2025.replace("2025-01-10", "2025-11-20");
        String week56 = INFLIXIMAB_SINCE_2025.replace("2025-01-10", "2025-10-23");

        Reply reply = server.call("biologic-patient-view", request(infliximab, crmo));
        Reply later = server.call("biologic-patient-view", request(week56, crmo));

        assertThat(cards(reply)).contains("crmo-continuation/info");
        JsonNode card = null;
        for (JsonNode c : reply.json().get("cards")) {
            if (c.at("/source/topic/code").asText().equals("crmo-continuation")) {
                card = c;
            }
        }
        assertThat(card.get("summary").asText())
                .isEqualTo("12 months of infliximab for CRMO: after 6\u201312 months of remission a gradual taper can be considered");
        assertThat(card.get("summary").asText() + card.get("detail").asText()).doesNotContainIgnoringCase("start");
        assertThat(cards(later)).doesNotContain("crmo-continuation/info");
    }

    // ---- clinical-v2.md section 7, scenario 42: the yearly TB re-test on patient-view (amendment 1)

    /** On adalimumab for two years (since 2024-11-23), hepatitis B, C and HIV tested this year. */
    private static String[] onAdalimumabTwoYears(String igraDate) {
        return new String[] {"""
                {"resourceType":"MedicationRequest","id":"ada-1","status":"active","intent":"order",
                 "subject":{"reference":"Patient/pv-1"},"authoredOn":"2024-11-23",
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                   "code":"1726846","display":"0.4 ML adalimumab 100 MG/ML Prefilled Syringe [Humira]"}]},
                 "dosageInstruction":[{"text":"40 mg subcutaneously every 2 weeks"}]}""",
                lab("igra", "71773-6", igraDate, "LA6577-6"),
                lab("hbsag", "5196-1", "2026-03-02", "LA6577-6"), lab("hbc", "16933-4", "2026-03-02", "LA6577-6"),
                lab("hcv", "16128-1", "2026-03-02", "LA6577-6"), lab("hiv", "56888-1", "2026-03-02", "LA6577-6")};
    }

    @Test
    void scenario42_lastIgraNegative12MonthsAnd5DaysAgo_yearlyTbRetestInfo_neverStart() throws Exception {
        Reply reply = server.call("biologic-patient-view", request(onAdalimumabTwoYears("2025-11-18")));

        assertThat(cards(reply)).containsExactly("tb-screening-expired/info");
        assertThat(reply.json().at("/cards/0/summary").asText()).isEqualTo("Yearly TB re-test due: last IGRA negative on 2025-11-18");
        assertThat(reply.json().at("/cards/0/summary").asText() + reply.json().at("/cards/0/detail").asText())
                .doesNotContainIgnoringCase("start");
    }

    @Test
    void scenario42_lastIgraNegative14MonthsAgo_day61AfterDue_noCard() throws Exception {
        assertThat(cards(server.call("biologic-patient-view", request(onAdalimumabTwoYears("2025-09-23"))))).isEmpty();
    }

    @Test
    void scenario42_lastIgraNegative15MonthsAgo_overdueReminderShowsAgain() throws Exception {
        // Amendment 1: still not done 90 days after the due date (2026-08-23), the reminder recurs for 28 days.
        Reply reply = server.call("biologic-patient-view", request(onAdalimumabTwoYears("2025-08-23")));

        assertThat(cards(reply)).containsExactly("tb-screening-expired/info");
    }

    @Test
    void lastIgraNegative364DaysAgo_noCard_366DaysAgo_reminder() throws Exception {
        assertThat(cards(server.call("biologic-patient-view", request(onAdalimumabTwoYears("2025-11-24"))))).isEmpty();
        assertThat(cards(server.call("biologic-patient-view", request(onAdalimumabTwoYears("2025-11-22")))))
                .containsExactly("tb-screening-expired/info");
    }

    @Test
    void onAdalimumabNeverTestedForHepatitisC_infoOnlyInTheYearlyWindow_wordedWhileOn() throws Exception {
        String[] record = onAdalimumabTwoYears("2026-02-02");
        String[] withoutHcv = java.util.Arrays.stream(record).filter(r -> !r.contains("16128-1")).toArray(String[]::new);

        Reply dueToday = server.call("biologic-patient-view", request(withoutHcv)); // course anniversary today
        assertThat(cards(dueToday)).containsExactly("hcv-screening-missing/info");
        assertThat(dueToday.json().at("/cards/0/summary").asText())
                .isEqualTo("No hepatitis C antibody test on record while on adalimumab");

        String[] laterStart = java.util.Arrays.stream(withoutHcv).map(r -> r.replace("2024-11-23", "2024-09-23"))
                .toArray(String[]::new);
        assertThat(cards(server.call("biologic-patient-view", request(laterStart)))).isEmpty();
    }

    @Test
    void onInfliximabScreenedThisYear_noCards() throws Exception {
        Reply reply = server.call("biologic-patient-view", request(INFLIXIMAB_SINCE_2025,
                lab("igra", "71773-6", "2026-02-02", "LA6577-6")));

        assertThat(cards(reply)).isEmpty();
    }

    @Test
    void patientOnNoBiologic_noCardsEvenWithoutTbTest() throws Exception {
        Reply reply = server.call("biologic-patient-view", request("""
                {"resourceType":"MedicationRequest","id":"mtx","status":"active","intent":"order","subject":{"reference":"Patient/pv-1"},
                 "medicationCodeableConcept":{"text":"Methotrexate 10 MG Oral Tablet"}}"""));

        assertThat(cards(reply)).isEmpty();
    }

    @Test
    void nyhaIvAfterTheStart_isANewContraindication_butNotWhenItPredatesTheStart() throws Exception {
        String screened = lab("igra", "71773-6", "2026-02-02", "LA6577-6");

        assertThat(cards(server.call("biologic-patient-view", request(INFLIXIMAB_SINCE_2025, screened, nyhaIv("2026-10-01")))))
                .containsExactly("heart-failure/critical");
        assertThat(cards(server.call("biologic-patient-view", request(INFLIXIMAB_SINCE_2025, screened, nyhaIv("2024-12-01")))))
                .isEmpty();
    }

    @Test
    void liveZosterDuringTherapyWarns_shingrixDoesNot() throws Exception {
        String screened = lab("igra", "71773-6", "2026-02-02", "LA6577-6");

        assertThat(cards(server.call("biologic-patient-view",
                request(INFLIXIMAB_SINCE_2025, screened, vaccine("121", "zoster vaccine, live", "2026-06-01")))))
                .containsExactly("live-vaccine-recent/warning");
        assertThat(cards(server.call("biologic-patient-view",
                request(INFLIXIMAB_SINCE_2025, screened, vaccine("187", "zoster vaccine recombinant", "2026-06-01")))))
                .isEmpty();
    }

    @Test
    void week12OfInfliximabForPlaquePsoriasis_responseCheckIsDue() throws Exception {
        String since = INFLIXIMAB_SINCE_2025.replace("2025-01-10", "2026-08-31");
        String psoriasis = """
                {"resourceType":"Condition","id":"pso","clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                 "code":{"coding":[{"system":"http://snomed.info/sct","code":"200965009","display":"Chronic plaque psoriasis"}]},
                 "subject":{"reference":"Patient/pv-1"},"onsetDateTime":"2015-01-01"}""";

        Reply reply = server.call("biologic-patient-view", request(since, psoriasis, lab("igra", "71773-6", "2026-08-01", "LA6577-6")));

        assertThat(cards(reply)).containsExactly("response-check/info");
        assertThat(reply.json().at("/cards/0/summary").asText()).startsWith("Week 12 of infliximab");
    }

    @Test
    void patientViewWithoutPrefetch_is412() throws Exception {
        Reply reply = server.call("biologic-patient-view",
                "{\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"pv-1\"}}");

        assertThat(reply.status()).isEqualTo(412);
    }

    @Test
    void discovery_listsThePatientViewService() throws Exception {
        JsonNode services = server.get("/cds-services").json().get("services");

        assertThat(services.findValuesAsText("id")).contains("biologic-patient-view");
    }
}
