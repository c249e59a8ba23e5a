package org.biologicscds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.ScenarioRequests;
import org.biologicscds.testing.ScenarioRequests.ExpectedCard;
import org.biologicscds.testing.ScenarioRequests.ScenarioFile;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scenario suite: every realistic patient of {@code src/test/resources/scenarios/} sent over
 * HTTP to the real server (clock fixed at {@link RunningServer#TODAY}), with its record as prefetch.
 * Each must answer 200 with exactly the cards it expects (rule id and indicator, as a multiset) and
 * none of its near-miss rules. A scenario marked {@code knownBug} documents a defect of a rule or the
 * knowledge: it is reported as skipped while it fails, and fails once it passes so the marker is
 * removed. The catalogue is covered: every rule fires somewhere and has a near miss somewhere.
 */
class ScenarioSuiteTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> INDICATORS = Set.of("info", "warning", "critical");
    private static final Set<String> HOOKS = Set.of("order-sign", "order-select");
    private static final Pattern ABSOLUTE_DATE = Pattern.compile("\\d{4}(-\\d{2}(-\\d{2}(T.*)?)?)?");

    private static RunningServer server;
    private static final ScenarioRequests REQUESTS = new ScenarioRequests(TestKnowledge.HOOKS);
    private static final List<ScenarioFile> SCENARIOS = ScenarioRequests.load(ScenarioRequests.FOLDER);

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static Stream<Named<ScenarioFile>> scenarios() {
        return SCENARIOS.stream().map(s -> Named.of(s.name(), s));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void scenario(ScenarioFile scenario) throws Exception {
        Reply reply = server.call(scenario.serviceId(), REQUESTS.requestBody(scenario));
        List<String> expected = scenario.expect().stream().map(ExpectedCard::toString).toList();
        List<String> actual = reply.status() == 200 ? cards(reply.json()) : List.of();
        List<String> nearMissesFired = actual.stream()
                .filter(card -> scenario.mustNotFire().contains(card.substring(0, card.indexOf('/')))).toList();
        boolean passes = reply.status() == 200 && sameMultiset(expected, actual) && nearMissesFired.isEmpty();

        if (scenario.knownBug().isPresent()) {
            if (passes) {
                fail(scenario.name() + " passes now: remove its knownBug marker (" + scenario.knownBug().get() + ")");
            }
            Assumptions.abort("known bug: " + scenario.knownBug().get() + " | expected " + expected + ", actual "
                    + (reply.status() == 200 ? actual.toString() : "HTTP " + reply.status() + " " + reply.body()));
        }
        assertThat(reply.status()).as("%s: HTTP status, body %s", scenario.name(), reply.body()).isEqualTo(200);
        assertThat(actual).as("%s: cards (rule/indicator) of %s", scenario.name(), scenario.description())
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(nearMissesFired).as("%s: near-miss rules that fired", scenario.name()).isEmpty();
    }

    @Test
    void everyRuleOfTheCatalogueIsExpectedToFireInSomeScenario() {
        Set<String> fired = new HashSet<>();
        SCENARIOS.forEach(s -> s.expect().forEach(card -> fired.add(card.rule())));
        assertThat(new TreeSet<>(ruleIds())).as("rules no scenario expects to fire")
                .allSatisfy(rule -> assertThat(fired).as(rule).contains(rule));
    }

    @Test
    void everyRuleOfTheCatalogueHasANearMissScenario() {
        Set<String> nearMisses = new HashSet<>();
        SCENARIOS.forEach(s -> nearMisses.addAll(s.mustNotFire()));
        assertThat(new TreeSet<>(ruleIds())).as("rules no scenario names in mustNotFire")
                .allSatisfy(rule -> assertThat(nearMisses).as(rule).contains(rule));
    }

    @Test
    void scenarioFilesAreWellFormed() {
        assertThat(SCENARIOS).as("scenario files").hasSizeGreaterThanOrEqualTo(40);
        Set<String> rules = ruleIds();
        Set<String> resourceKeys = new HashSet<>();
        Set<String> patientIds = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (ScenarioFile s : SCENARIOS) {
            String at = s.name() + ": ";
            // <nn>-<slug>: the suite's own scenarios; s<nn>[a-z]-<slug>: clinical-v2.md section 7 scenario nn and its variants
            if (!s.name().matches("(\\d{2}|s\\d{2}[a-z]?)-[a-z0-9-]+")) {
                problems.add(at + "file name must be <nn>-<slug>.json or s<nn>[a-z]-<slug>.json");
            }
            if (s.description().isBlank()) {
                problems.add(at + "description is required");
            }
            if (!HOOKS.contains(s.hook())) {
                problems.add(at + "hook must be order-sign or order-select");
            }
            if (s.hook().equals("order-select") && s.selections().isEmpty()) {
                problems.add(at + "order-select needs selections");
            }
            if (!patientIds.add(s.patientId()) || !s.patient().path("resourceType").asText().equals("Patient")) {
                problems.add(at + "patient must be a Patient with an id no other scenario uses");
            }
            if (s.draftOrders().isEmpty()) {
                problems.add(at + "draftOrders is empty");
            }
            for (ExpectedCard card : s.expect()) {
                if (!rules.contains(card.rule()) || !INDICATORS.contains(card.indicator())) {
                    problems.add(at + "expect " + card + " is not a rule of the catalogue with a valid indicator");
                }
            }
            for (String rule : s.mustNotFire()) {
                if (!rules.contains(rule)) {
                    problems.add(at + "mustNotFire " + rule + " is not a rule of the catalogue");
                }
                if (s.expect().stream().anyMatch(card -> card.rule().equals(rule))) {
                    problems.add(at + rule + " is both expected and in mustNotFire");
                }
            }
            List<ObjectNode> all = new ArrayList<>(s.resources());
            all.addAll(s.draftOrders());
            for (ObjectNode resource : all) {
                String key = resource.path("resourceType").asText() + "/" + resource.path("id").asText();
                boolean draft = s.draftOrders().contains(resource);
                if (resource.path("id").asText().isBlank() || (!draft && !resourceKeys.add(key))) {
                    problems.add(at + key + " needs an id unique across all scenarios (they may share one FHIR server)");
                }
                if (draft && !resource.path("status").asText().equals("draft")) {
                    problems.add(at + key + " is a draft order and must have status draft");
                }
                if (!resource.path("resourceType").asText().matches("Patient|Medication")
                        && !references(resource, "Patient/" + s.patientId())) {
                    problems.add(at + key + " must name Patient/" + s.patientId() + " in subject or patient");
                }
                checkDates(resource, at + key, problems);
            }
            for (String selection : s.selections()) {
                if (s.draftOrders().stream().noneMatch(d -> selection.equals(d.path("resourceType").asText() + "/" + d.path("id").asText()))) {
                    problems.add(at + "selection " + selection + " is not a draft");
                }
            }
            try {
                REQUESTS.request(s);
            } catch (IllegalArgumentException e) {
                problems.add(at + e.getMessage());
            }
        }
        assertThat(problems).isEmpty();
    }

    /** A scenario's observation must be one the observations query returns (by code, or every Observation). */
    @Test
    void everyObservationIsOneTheObservationsQueryReturns() {
        Set<String> asked = new HashSet<>();
        boolean wholeSearch = false;
        for (ScenarioRequests.PrefetchKey key : REQUESTS.prefetchKeys("biologic-order-sign")) {
            if (key.type().equals("Observation")) {
                String query = key.template().substring(key.template().indexOf('?') + 1);
                wholeSearch |= !query.contains("code=");
                for (String parameter : query.split("&")) {
                    if (parameter.startsWith("code=")) {
                        asked.addAll(List.of(parameter.substring(5).split(",")));
                    }
                }
            }
        }
        List<String> notReturned = new ArrayList<>();
        for (ScenarioFile s : SCENARIOS) {
            for (ObjectNode resource : s.record()) {
                if (!resource.path("resourceType").asText().equals("Observation")) {
                    continue;
                }
                boolean found = wholeSearch; // no code= parameter: the query returns every Observation
                for (JsonNode coding : resource.path("code").path("coding")) {
                    found |= asked.contains(coding.path("system").asText() + "|" + coding.path("code").asText());
                }
                if (!found) {
                    notReturned.add(s.name() + ": Observation/" + resource.path("id").asText());
                }
            }
        }
        assertThat(notReturned).isEmpty();
    }

    private static List<String> cards(JsonNode response) {
        List<String> cards = new ArrayList<>();
        for (JsonNode card : response.path("cards")) {
            cards.add(card.at("/source/topic/code").asText() + "/" + card.path("indicator").asText());
        }
        return cards;
    }

    private static boolean sameMultiset(List<String> expected, List<String> actual) {
        List<String> a = new ArrayList<>(expected);
        List<String> b = new ArrayList<>(actual);
        a.sort(null);
        b.sort(null);
        return a.equals(b);
    }

    private static boolean references(JsonNode resource, String reference) {
        return reference.equals(resource.path("subject").path("reference").asText())
                || reference.equals(resource.path("patient").path("reference").asText());
    }

    /** Every date-like field holds an absolute date, and the scenario lies within a few years of today. */
    private static void checkDates(JsonNode node, String at, List<String> problems) {
        node.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            String name = field.getKey();
            if (value.isTextual() && (name.endsWith("DateTime") || name.endsWith("Date") || name.equals("authoredOn")
                    || name.equals("start") || name.equals("end") || name.equals("issued") || name.equals("birthDate"))) {
                String text = value.asText();
                if (!ABSOLUTE_DATE.matcher(text).matches()) {
                    problems.add(at + ": " + name + " '" + text + "' is not an absolute FHIR date");
                } else if (Integer.parseInt(text.substring(0, 4)) > LocalDate.parse(RunningServer.TODAY).getYear() + 1) {
                    problems.add(at + ": " + name + " '" + text + "' is too far in the future");
                }
            } else if (value.isContainerNode()) {
                if (value.isArray()) {
                    value.forEach(item -> checkDates(item, at, problems));
                } else {
                    checkDates(value, at, problems);
                }
            }
        });
    }

    private static Set<String> ruleIds() {
        try {
            JsonNode codeSystem = MAPPER.readTree(Path.of("fhir-profiles/CodeSystem-biologic-rule.json").toFile());
            Set<String> ids = new TreeSet<>();
            codeSystem.path("concept").forEach(c -> ids.add(c.path("code").asText()));
            return ids;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
