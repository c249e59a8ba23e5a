package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.biologicscds.testing.TestKnowledge;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge folder: valid FHIR R4, complete, and refused with file and reason when broken. */
class KnowledgeTest {

    /** The rule ids of the card catalogue, guidance.md section 3 (the contract clients key on). */
    private static final Set<String> CATALOGUE = Set.of("tb-active", "tb-positive-untreated",
            "tb-ltbi-treatment-too-recent", "tb-positive-treated", "tb-screening-missing", "tb-screening-expired",
            "tb-screening-indeterminate", "hbv-screening-missing", "hcv-screening-missing", "hiv-screening-missing",
            "hbv-active", "hbv-resolved", "methotrexate-combination", "immunosuppressant-combination",
            "conventional-systemic-overlap", "hstcl-thiopurine", "heart-failure", "demyelinating-disease", "ibd-il17",
            "pregnancy", "breastfeeding", "age-restriction", "live-vaccine-recent", "duplicate-biologic",
            "switch-washout", "malignancy-history", "checkpoint-inhibitor", "active-infection", "hypersensitivity",
            "weight-missing", "dose-out-of-range", "perioperative", "treatment-gap", "response-check",
            "drug-not-recognised", "crmo-continuation", "myositis-infliximab-regimen", "opportunistic-infection-history",
            "chronic-recurrent-infection", "live-vaccine-on-biologic", "methotrexate-dosing", "glucocorticoid-co-medication", "baseline-labs",
            "vaccination-before-start", "jak-risk-factors", "pregnancy-test-before-start");


    /** The biologics of guidance.md section 1.3. */
    private static final Set<String> BIOLOGICS = Set.of("infliximab", "adalimumab", "etanercept",
            "certolizumab-pegol", "golimumab", "secukinumab", "ixekizumab", "netakimab", "bimekizumab", "brodalumab",
            "ustekinumab", "guselkumab", "risankizumab", "tildrakizumab", "mirikizumab",
            // drug catalogue v2 (clinical-v2.md table 5.1, issue 16)
            "tocilizumab", "sarilumab", "abatacept", "rituximab", "anakinra", "canakinumab", "vedolizumab",
            "spesolimab", "dupilumab", "tralokinumab", "lebrikizumab", "tofacitinib", "baricitinib", "upadacitinib",
            "filgotinib", "abrocitinib", "deucravacitinib", "ozanimod", "etrasimod");

    /** Table 5.1 gives no single half-life for these (non-linear, or (v)): the catalogue carries none (amendment 3). */
    private static final Set<String> NO_HALF_LIFE = Set.of("dupilumab", "lebrikizumab", "ozanimod", "etrasimod");

    @Test
    void everyKnowledgeResource_isValidFhirR4() {
        Knowledge knowledge = TestKnowledge.get();

        List<KnowledgeValidator.Problem> problems = new KnowledgeValidator(TestKnowledge.FHIR).validate(knowledge.files());

        assertThat(problems).isEmpty();
        assertThat(knowledge.files()).hasSizeGreaterThan(60);
    }

    @Test
    void validator_reportsAnInvalidResourceWithItsFile() {
        CodeSystem broken = new CodeSystem();
        broken.setId("broken");
        broken.setUrl("http://biologics-cds.org/fhir/CodeSystem/broken");
        broken.addConcept().setDisplay("a concept without a code");

        List<KnowledgeValidator.Problem> problems = new KnowledgeValidator(TestKnowledge.FHIR)
                .validate(List.of(new KnowledgeFile("CodeSystem-broken.json", broken)));

        assertThat(problems).isNotEmpty();
        assertThat(problems).allSatisfy(p -> assertThat(p.fileName()).isEqualTo("CodeSystem-broken.json"));
    }

    @Test
    void validator_checksRuleParametersAgainstTheExtensionDefinition() {
        org.hl7.fhir.r4.model.PlanDefinition plan = (org.hl7.fhir.r4.model.PlanDefinition) TestKnowledge.get().files().stream()
                .filter(f -> f.fileName().equals("PlanDefinition-tb-screening-expired.json")).findFirst().orElseThrow()
                .resource().copy();
        plan.getExtensionsByUrl(RuleParameters.EXTENSION_URL).get(0).getExtension()
                .removeIf(e -> e.getUrl().equals("value"));
        List<KnowledgeFile> files = new java.util.ArrayList<>(TestKnowledge.get().files().stream()
                .filter(f -> !(f.resource() instanceof org.hl7.fhir.r4.model.PlanDefinition))
                .filter(f -> f.resource() instanceof org.hl7.fhir.r4.model.CodeSystem
                        || f.resource() instanceof org.hl7.fhir.r4.model.StructureDefinition
                        || f.resource() instanceof org.hl7.fhir.r4.model.ValueSet).toList());
        files.add(new KnowledgeFile("PlanDefinition-tb-screening-expired.json", plan));

        List<KnowledgeValidator.Problem> problems = new KnowledgeValidator(TestKnowledge.FHIR).validate(files);

        assertThat(problems).isNotEmpty()
                .allSatisfy(p -> assertThat(p.fileName()).isEqualTo("PlanDefinition-tb-screening-expired.json"));
    }

    @Test
    void ruleCodeSystem_holdsExactlyTheCardCatalogue() {
        RuleCatalog rules = TestKnowledge.get().rules();

        assertThat(rules.size()).isEqualTo(CATALOGUE.size());
        for (String id : CATALOGUE) {
            RuleInfo rule = rules.get(id);
            assertThat(rule.sourceIds()).as(id).isNotEmpty();
            assertThat(rule.rationale()).as(id).isNotBlank();
        }
        assertThat(rules.overrideReasons()).isNotEmpty().allSatisfy(r -> assertThat(r.display()).isNotBlank());
    }

    @Test
    void everyBiologicHasAClassAHalfLifeAndCodes() {
        DrugCatalog drugs = TestKnowledge.get().drugs();

        Set<String> ids = new TreeSet<>();
        drugs.all().forEach(d -> ids.add(d.id()));
        assertThat(ids).isEqualTo(new TreeSet<>(BIOLOGICS));
        assertThat(drugs.all()).allSatisfy(d -> {
            assertThat(d.drugClass()).isIn("tnf-inhibitor", "il17-inhibitor", "il12-23-inhibitor", "il23-inhibitor",
                    "il6r-inhibitor", "t-cell-costimulation-modulator", "cd20-antibody", "il1-inhibitor",
                    "integrin-inhibitor", "il36r-inhibitor", "il4r-il13-inhibitor", "jak-inhibitor", "tyk2-inhibitor",
                    "s1p-modulator");
            assertThat(d.halfLifeDays().isPresent()).as(d.id() + " half-life").isEqualTo(!NO_HALF_LIFE.contains(d.id()));
            assertThat(d.maintenanceIntervalDays()).as(d.id() + " interval").isPresent();
        });
        // table 5.1: hours as fractions of a day, intervals in days
        assertThat(drugs.byId("tofacitinib").orElseThrow().halfLifeDays()).contains(3.0 / 24);
        assertThat(drugs.byId("rituximab").orElseThrow().maintenanceIntervalDays()).contains(168);
        assertThat(drugs.byId("deucravacitinib").orElseThrow().drugClass()).isEqualTo("tyk2-inhibitor");
        assertThat(drugs.byId("abatacept").orElseThrow().drugClass()).isEqualTo("t-cell-costimulation-modulator");
        assertThat(drugs.byId("infliximab").orElseThrow().weightBasedDose())
                .contains(new Drug.DoseRange(3, 10));
        assertThat(drugs.byId("netakimab").orElseThrow().drugClass()).isEqualTo("il17-inhibitor");
    }

    @Test
    void noCodeListInJava_everyValueSetTheRulesNameIsInTheFolder() {
        ValueSets valueSets = TestKnowledge.get().valueSets();
        for (String id : List.of("tb-active", "tb-latent", "igra-qualitative", "igra-quantitative", "tspot-spot-counts",
                "tst-induration", "result-positive", "result-negative", "result-indeterminate", "ltbi-treatment",
                "ltbi-treatment-completed", "heart-failure", "nyha-class", "nyha-class-iii-iv", "nyha-assessment",
                "methotrexate", "immunosuppressants", "conventional-systemics", "jak-inhibitors",
                "other-advanced-therapies", "demyelinating-disease", "serious-infection", "pregnancy",
                "pregnancy-status", "pregnant", "not-pregnant", "pregnancy-test", "breastfeeding",
                "not-breastfeeding", "breastfeeding-status")) {
            assertThat(valueSets.has(id)).as(id).isTrue();
        }
    }

    @Test
    void drugNames_matchBrandsBiosimilarsAndCyrillic() {
        DrugCatalog drugs = TestKnowledge.get().drugs();
        org.hl7.fhir.r4.model.CodeableConcept efleira = new org.hl7.fhir.r4.model.CodeableConcept().setText("Эфлейра 120 мг/мл");

        assertThat(drugs.identify(efleira).map(Drug::id)).contains("netakimab");
        assertThat(drugs.identify(new org.hl7.fhir.r4.model.CodeableConcept().setText("Efleira 120 mg"))
                .map(Drug::id)).contains("netakimab");
        assertThat(drugs.identify(new org.hl7.fhir.r4.model.CodeableConcept().setText("INFLECTRA (infliximab-dyyb)"))
                .map(Drug::id)).contains("infliximab");
        assertThat(drugs.identify(new org.hl7.fhir.r4.model.CodeableConcept().setText("Humira Pen 40 mg"))
                .map(Drug::id)).contains("adalimumab");
        assertThat(drugs.identify(new org.hl7.fhir.r4.model.CodeableConcept().setText("Methotrexate 10 mg")))
                .isEmpty();
    }

    @Test
    void brokenJson_refusesToLoadNamingTheFile(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Files.writeString(dir.resolve("ValueSet-methotrexate.json"), "{\"resourceType\": \"ValueSet\", ");

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("ValueSet-methotrexate.json: ");
    }

    @Test
    void unknownElement_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Path file = dir.resolve("ValueSet-pregnancy.json");
        Files.writeString(file, Files.readString(file).replaceFirst("\"status\"", "\"statuz\": \"x\", \"status\""));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("ValueSet-pregnancy.json: ").hasMessageContaining("statuz");
    }

    @Test
    void medicationKnowledgeWithoutValueSet_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Files.delete(dir.resolve("ValueSet-golimumab.json"));
        Path classSet = dir.resolve("ValueSet-tnf-inhibitors.json");
        Files.writeString(classSet, Files.readString(classSet)
                .replace("\"http://biologics-cds.org/fhir/ValueSet/golimumab\",", "")
                .replace(",\n          \"http://biologics-cds.org/fhir/ValueSet/golimumab\"", ""));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("golimumab");
    }

    @Test
    void classValueSetThatDisagreesWithMedicationKnowledge_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Path file = dir.resolve("MedicationKnowledge-golimumab.json");
        Files.writeString(file, Files.readString(file).replace("\"tnf-inhibitor\"", "\"il23-inhibitor\""));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("golimumab");
    }

    @Test
    void missingRuleParameter_failsWhenTheGuidanceIsBuilt(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Path file = dir.resolve("PlanDefinition-tb-ltbi-treatment-too-recent.json");
        Files.writeString(file, Files.readString(file).replace("\"minimum-treatment\"", "\"minimum-treatmnt\""));
        Knowledge knowledge = new KnowledgeLoader(TestKnowledge.FHIR).load(dir);

        assertThatThrownBy(() -> new org.biologicscds.guidance.Guidance(knowledge))
                .isInstanceOf(KnowledgeException.class)
                .hasMessage("PlanDefinition-tb-ltbi-treatment-too-recent.json: rule 'tb-ltbi-treatment-too-recent'"
                        + " parameter 'minimum-treatment' is missing");
    }

    @Test
    void ruleWithoutPlanDefinition_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Files.delete(dir.resolve("PlanDefinition-pregnancy.json"));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessage("CodeSystem-biologic-rule.json: rule 'pregnancy' has no PlanDefinition-pregnancy.json");
    }

    @Test
    void everyRuleHasAPlanDefinitionWithItsSourceAndIndicator() {
        for (String id : CATALOGUE) {
            RuleParameters parameters = TestKnowledge.get().parameters(id);
            assertThat(parameters.indicator()).as(id).isEqualTo(TestKnowledge.get().rules().get(id).defaultIndicator());
            assertThat(TestKnowledge.get().rules().get(id).whenItFires()).as(id).isNotBlank();
        }
    }

    @Test
    void fileNameThatDoesNotMatchTheResource_refusesToLoad(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Files.move(dir.resolve("ValueSet-pregnancy.json"), dir.resolve("ValueSet-pregnant-woman.json"));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("ValueSet-pregnant-woman.json: must be named ValueSet-pregnancy.json");
    }

    @Test
    void medicationKnowledgeFilesAreAllMedicationKnowledge() {
        long count = TestKnowledge.get().files().stream().filter(f -> f.resource() instanceof MedicationKnowledge).count();
        assertThat(count).isEqualTo(BIOLOGICS.size());
    }

    private static void copyKnowledge(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }
}
