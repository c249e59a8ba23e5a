package org.biologicscds.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.biologicscds.knowledge.CitedSource;
import org.biologicscds.knowledge.Drug;
import org.biologicscds.knowledge.RuleCatalog;
import org.biologicscds.knowledge.SourceCatalog;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.ScenarioRequests;
import org.biologicscds.testing.ScenarioRequests.ScenarioFile;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;

/**
 * The sources of every card the scenario suite produces (clinical-v2.md 1.5 and section 2): the
 * card's {@code source} is a catalogue entry (label and url as the catalogue has them), every link in
 * the detail is a catalogue url, the detail lists exactly the rule's sources (its {@code labels}
 * being one drug's labels), open (verify) items are marked, and no retired source appears anywhere
 * on a card.
 */
class ScenarioCardSourcesTest {

    private static final Pattern LINK = Pattern.compile("\\]\\((https?://[^)\\s]+)\\)");
    private static final Pattern SOURCE_LIST = Pattern.compile("\\*\\*Sources?:\\*\\*\\n\\n((?:- .*\\n)+)");
    /** "Retired on all cards" of clinical-v2.md section 2, as written there. */
    private static final List<String> RETIRED = List.of("renalandurologynews", "rxdrugnews", "120ty.net", "bohrium",
            "medscape", "vbca", "medvisor.ru", "wjgnet", "world j gastroenterol 2014", "mips #", "seed 0", "seeds 0");

    private static final ScenarioRequests REQUESTS = new ScenarioRequests(TestKnowledge.HOOKS);
    private static final List<ScenarioFile> SCENARIOS = ScenarioRequests.load(ScenarioRequests.FOLDER);
    private static final RuleCatalog RULES = TestKnowledge.get().rules();
    private static final SourceCatalog CATALOGUE = RULES.sourceCatalog();
    private static final Set<String> RULES_SEEN = new HashSet<>();

    private static RunningServer server;

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
    void everyCardCitesTheCatalogueAndListsAllOfItsRulesSources(ScenarioFile scenario) throws Exception {
        Reply reply = server.call(scenario.serviceId(), REQUESTS.requestBody(scenario));
        assertThat(reply.status()).as(scenario.name()).isEqualTo(200);
        List<String> problems = new ArrayList<>();
        List<Drug> drugs = draftDrugs(scenario);
        for (JsonNode card : reply.json().path("cards")) {
            problems.addAll(check(card, drugs.isEmpty() ? TestKnowledge.get().drugs().all() : drugs));
        }
        assertThat(problems).as(scenario.name()).isEmpty();
    }

    /** Guards against a vacuous pass: the suite's cards cover most rules. */
    @Test
    void theScenarioCardsCoverTheRules() throws Exception {
        Set<String> rules = new HashSet<>();
        for (ScenarioFile scenario : SCENARIOS) {
            server.call(scenario.serviceId(), REQUESTS.requestBody(scenario)).json().path("cards")
                    .forEach(card -> rules.add(card.at("/source/topic/code").asText()));
        }
        assertThat(rules).hasSizeGreaterThanOrEqualTo(RULES.size() - 3);
    }

    /** The catalogue drugs the scenario's draft orders name: the drugs its cards can be about. */
    private static List<Drug> draftDrugs(ScenarioFile scenario) {
        List<Drug> drugs = new ArrayList<>();
        for (JsonNode draft : scenario.draftOrders()) {
            if (!draft.path("resourceType").asText().equals("MedicationRequest")) {
                continue;
            }
            MedicationRequest request = TestKnowledge.FHIR.newJsonParser().parseResource(MedicationRequest.class,
                    draft.toString());
            List<CodeableConcept> concepts = new ArrayList<>();
            if (request.hasMedicationCodeableConcept()) {
                concepts.add(request.getMedicationCodeableConcept());
            }
            request.getContained().stream().filter(r -> r instanceof Medication)
                    .forEach(r -> concepts.add(((Medication) r).getCode()));
            concepts.forEach(c -> TestKnowledge.get().drugs().identify(c).filter(d -> !drugs.contains(d)).ifPresent(drugs::add));
        }
        return drugs;
    }

    static List<String> check(JsonNode card, List<Drug> candidateDrugs) {
        List<String> problems = new ArrayList<>();
        String rule = card.at("/source/topic/code").asText();
        String at = rule + " (" + card.path("summary").asText() + "): ";
        String detail = card.path("detail").asText();
        String label = card.at("/source/label").asText();
        String url = card.at("/source/url").asText();
        List<String> urls = CATALOGUE.all().stream().flatMap(s -> s.url().stream()).toList();

        if (CATALOGUE.all().stream().noneMatch(s -> s.display().equals(label) && s.url().filter(url::equals).isPresent())) {
            problems.add(at + "source " + label + " <" + url + "> is not a catalogue entry");
        }
        Matcher link = LINK.matcher(detail);
        while (link.find()) {
            if (!urls.contains(link.group(1))) {
                problems.add(at + "detail links " + link.group(1) + ", not a catalogue url");
            }
        }
        String all = (label + " " + url + " " + card.path("summary").asText() + " " + detail).toLowerCase(Locale.ROOT);
        RETIRED.stream().filter(all::contains).forEach(r -> problems.add(at + "mentions the retired source " + r));

        Matcher list = SOURCE_LIST.matcher(detail);
        if (!list.find()) {
            problems.add(at + "detail has no source list");
            return problems;
        }
        List<String> shown = list.group(1).lines().toList();
        // The rule's sources for one drug the scenario orders (its "labels" are that drug's labels), in
        // the rule's order, and the headline source is that drug's headline.
        boolean matches = false;
        for (Drug drug : candidateDrugs) {
            List<CitedSource> sources = expectedSources(rule, drug.id());
            matches |= shown.equals(sources.stream().map(ScenarioCardSourcesTest::line).toList())
                    && expectedHeadline(sources, drug.id()).equals(url);
        }
        if (!matches) {
            problems.add(at + "detail lists " + shown + ", not the rule's sources "
                    + RULES.get(rule).sourceIds() + " for one of " + candidateDrugs.stream().map(Drug::id).toList()
                    + " with that headline");
        }
        return problems;
    }

    /** The rule's sources for a card about the drug, worked out here rather than by the code under test. */
    private static List<CitedSource> expectedSources(String rule, String drugId) {
        List<CitedSource> sources = new ArrayList<>();
        for (String id : RULES.get(rule).sourceIds()) {
            List<CitedSource> add = id.equals(SourceCatalog.DRUG_LABELS)
                    ? CATALOGUE.all().stream().filter(s -> s.labelOf().equals(java.util.Optional.of(drugId))).toList()
                    : List.of(CATALOGUE.find(id).orElseThrow());
            add.stream().filter(s -> !sources.contains(s)).forEach(sources::add);
        }
        return sources;
    }

    /** The card's source: the first linked one that is not another drug's label, else the first linked one. */
    private static String expectedHeadline(List<CitedSource> sources, String drugId) {
        for (CitedSource source : sources) {
            if (source.url().isPresent() && (source.labelOf().isEmpty() || source.labelOf().get().equals(drugId))) {
                return source.url().get();
            }
        }
        return sources.stream().flatMap(s -> s.url().stream()).findFirst().orElse("(none)");
    }

    /** How a source is listed in a card's detail (the contract the cards' readers rely on). */
    private static String line(CitedSource source) {
        String title = source.display();
        String line = "- " + source.url().map(u -> "[" + title + "](" + u + ")").orElse(title);
        return source.unverified() ? line + " (citation details not yet verified)" : line;
    }
}
