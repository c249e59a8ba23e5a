package org.biologicscds.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The source catalogue ({@code Library/source-catalogue}, clinical-v2.md section 2): every rule's
 * sources resolve in it, it holds the specification's entries and nothing retired, (verify) items
 * stay marked (amendment 3), and the loader refuses a knowledge folder that breaks any of this,
 * naming the file.
 */
class SourceCatalogueTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SourceCatalog CATALOGUE = TestKnowledge.get().rules().sourceCatalog();

    /** "Retired on all cards" of clinical-v2.md section 2, as written there (independent of the knowledge's patterns). */
    private static final List<String> RETIRED_IN_SPEC = List.of("renalandurologynews", "rxdrugnews", "120ty.net",
            "bohrium", "medscape", "vbca", "medvisor.ru", "wjgnet", "world j gastroenterol 2014", "mips");

    /** The non-label ids of the section 2 table. */
    private static final Set<String> SPEC_IDS = Set.of("grls-efleira", "ema-jak-2023", "fda-jak-2021", "fda-hstcl-2011",
            "ema-dhpc-ifx-2022", "aad-npf-2019", "aad-npf-2020", "bad-2020", "acr-2021-ra", "acr-2022-vacc",
            "acr-2020-repro", "acr-aahks-2022", "ecco-2021-inf", "ecco-2024-cd", "ecco-2022-uc", "ecco-2022-preg",
            "ecco-2023-malig", "cdc-ltbi-2020", "ats-2017-tb", "who-tpt-2020", "brief-tb-2019", "aasld-2018", "aga-2015",
            "eular-2019-vacc", "eular-2022-inf", "idsa-2013-vacc", "acip-rzv-2022", "acip-immuno", "sonic-2010",
            "oral-surv-2022", "asco-irae-2021", "crib-2018", "ismp-mtx", "carra-cno-2018", "cpn-2020-infliximab",
            "hansen-jeadv-pd1", "crmo-ifx-summary", "dmpm-rct-2018", "synapse-netakimab");

    /** The section 2 entries marked (verify): each carries a verification marker in the knowledge. */
    private static final Set<String> MARKED_VERIFY_IN_SPEC = Set.of("grls-efleira", "fda-jak-2021", "fda-hstcl-2011",
            "aad-npf-2020", "acr-2020-repro", "ecco-2024-cd", "ecco-2022-preg", "ecco-2023-malig", "who-tpt-2020",
            "acip-rzv-2022", "acip-immuno", "asco-irae-2021", "crib-2018", "ismp-mtx", "carra-cno-2018",
            "cpn-2020-infliximab", "hansen-jeadv-pd1", "crmo-ifx-summary", "dmpm-rct-2018", "synapse-netakimab");

    @Test
    void everyPlanDefinitionNamesItsSourcesByCatalogueIdOnly() throws IOException {
        List<String> problems = new ArrayList<>();
        int plans = 0;
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("PlanDefinition-")).toList()) {
                plans++;
                JsonNode artifacts = JSON.readTree(file.toFile()).path("relatedArtifact");
                if (artifacts.isEmpty()) {
                    problems.add(file.getFileName() + " cites no source");
                }
                for (JsonNode artifact : artifacts) {
                    String id = artifact.path("label").asText();
                    if (!id.equals(SourceCatalog.DRUG_LABELS) && CATALOGUE.find(id).isEmpty()) {
                        problems.add(file.getFileName() + " names '" + id + "', not in the catalogue");
                    }
                    if (artifact.has("url") || artifact.has("display") || artifact.has("citation")) {
                        problems.add(file.getFileName() + " cites '" + id + "' with its own url/display/citation");
                    }
                }
            }
        }
        assertThat(plans).isEqualTo(TestKnowledge.get().rules().size());
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRuleResolvesToLinkedSourcesForEveryDrug() {
        RuleCatalog rules = TestKnowledge.get().rules();
        for (String rule : rules.ids()) {
            for (Drug drug : TestKnowledge.get().drugs().all()) {
                List<CitedSource> sources = rules.sources(rule, drug.id());
                assertThat(sources).as("%s for %s", rule, drug.id()).isNotEmpty();
                assertThat(SourceCatalog.headline(sources, drug.id())).as("%s for %s", rule, drug.id()).isPresent();
                if (rules.get(rule).sourceIds().contains(SourceCatalog.DRUG_LABELS)) {
                    assertThat(sources).as("%s for %s", rule, drug.id()).containsAll(CATALOGUE.labelsOf(drug.id()));
                }
            }
        }
    }

    @Test
    void noCatalogueEntryIsOnTheRetiredList() {
        for (CitedSource source : CATALOGUE.all()) {
            String text = (source.url().orElse("") + " " + source.display() + " " + source.citation()).toLowerCase(Locale.ROOT);
            for (String retired : RETIRED_IN_SPEC) {
                assertThat(text).as(source.id()).doesNotContain(retired);
            }
            assertThat(text).as(source.id() + ": fda.gov ucm page").doesNotContainPattern("fda\\.gov/.*ucm\\d");
            assertThat(text).as(source.id() + ": source-document number").doesNotContainPattern("\\bseeds? \\d{3}\\b");
        }
    }

    @Test
    void retiredPatternsCatchEveryV1Source() {
        // The v1 card sources (knowledge before v2): each must be refused by the knowledge's patterns.
        for (String v1 : List.of("https://www.renalandurologynews.com/drug/remicade/",
                "http://www.rxdrugnews.com/remicade_for_iv_injection_centocor.php",
                "http://www.120ty.net/bencandy.php?aid=58966&fid=134&page=12",
                "https://bohrium.dp.tech/paper/arxiv/900921054577295548", "https://www.medscape.com/viewarticle/938869_3",
                "https://www.vbca.com/measures/2026/MIPS176-quality-measure-tuberculosis-screening",
                "https://medvisor.ru/medicine/drug/efleyra_42946/", "http://www.fda.gov/Drugs/DrugSafety/ucm250913.htm",
                "http://www.fda.gov/Safety/MedWatch/SafetyInformation/ucm194136.htm",
                "http://www.wjgnet.com/1007-9327/full/v20/i43/16014-T1.htm", "World J Gastroenterol 2014, Table 1",
                "MIPS #337: documented management of a prior positive TB test",
                "https://www.aad.org/member/practice/mips/measures/337", "Seed 000 contraindications",
                "Seeds 000 and 004; product labels", "seed 004 and Efleira label")) {
            assertThat(CATALOGUE.isRetired(v1)).as(v1).isTrue();
        }
        assertThat(CATALOGUE.isRetired("https://doi.org/10.1093/cid/ciw694")).isFalse();
    }

    @Test
    void catalogueHoldsTheSpecificationsEntriesWithStableAddresses() {
        Set<String> ids = new TreeSet<>();
        CATALOGUE.all().forEach(s -> ids.add(s.id()));
        assertThat(ids).containsAll(SPEC_IDS);
        for (CitedSource source : CATALOGUE.all()) {
            String id = source.id();
            if (id.startsWith("label-") && id.endsWith("-us")) {
                String brand = id.substring(6, id.length() - 3);
                assertThat(source.url()).as(id).hasValueSatisfying(url -> assertThat(url).isIn(
                        "https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=" + brand.replace('-', '+'),
                        "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=93a193ab-9f96-4da6-aa7c-31212e81879a"));
            } else if (id.startsWith("smpc-") && id.endsWith("-eu")) {
                String brand = id.substring(5, id.length() - 3);
                assertThat(source.url()).as(id).contains("https://www.ema.europa.eu/en/medicines/human/EPAR/" + brand);
            } else {
                assertThat(id).as("a source that is neither a label nor in section 2").isIn(SPEC_IDS);
                // Papers by DOI; documents by the address section 2 gives.
                source.url().ifPresent(url -> assertThat(url).as(id).matches("https://(doi\\.org/10\\.|grls\\.rosminzdrav\\.ru/"
                        + "|www\\.ema\\.europa\\.eu/|aifa\\.gov\\.it/|www\\.who\\.int/|www\\.cdc\\.gov/|www\\.ismp\\.org/"
                        + "|www\\.consultantlive\\.com/|synapse\\.patsnap\\.com/).*"));
            }
        }
        assertThat(CATALOGUE.find("label-zymfentra-us").flatMap(CitedSource::url))
                .contains("https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=93a193ab-9f96-4da6-aa7c-31212e81879a");
    }

    @Test
    void verifyItemsStayMarked_andOpenOnesSayWhatIsOpen() {
        for (String id : MARKED_VERIFY_IN_SPEC) {
            CitedSource source = CATALOGUE.find(id).orElseThrow();
            assertThat(source.verification()).as(id).isNotEqualTo(CitedSource.Verification.STATED);
            assertThat(source.verificationNote()).as(id).isNotBlank();
        }
        // Not confirmed with the search tools: these must not be presented as verified (amendment 3).
        for (String id : List.of("grls-efleira", "fda-jak-2021", "fda-hstcl-2011", "ecco-2024-cd", "ecco-2023-malig",
                "cpn-2020-infliximab", "crmo-ifx-summary", "hansen-jeadv-pd1")) {
            assertThat(CATALOGUE.find(id).orElseThrow().unverified()).as(id).isTrue();
        }
        // Confirmed in issue 16 (authors, pages and the regimen from the PubMed abstract): says where.
        assertThat(CATALOGUE.find("dmpm-rct-2018").orElseThrow().unverified()).isFalse();
        assertThat(CATALOGUE.find("dmpm-rct-2018").orElseThrow().verificationNote()).contains("29174792").contains("858-864");
    }

    @Test
    void seedDocumentsAreCitedByTheirRealTitles() {
        assertThat(CATALOGUE.find("cpn-2020-infliximab").orElseThrow().citation())
                .contains("What is the effect of Infliximab in the treatment of psoriasis?").contains("2020");
        assertThat(CATALOGUE.find("hansen-jeadv-pd1").orElseThrow().citation())
                .contains("Infliximab Assessed as Potential Treatment for PD-1-Induced Psoriasis");
        assertThat(CATALOGUE.find("crmo-ifx-summary").orElseThrow().citation()).contains("Infliximab in CRMO");
        assertThat(CATALOGUE.find("dmpm-rct-2018").orElseThrow().citation()).contains(
                "A randomized, double-blind, placebo-controlled trial of infliximab in refractory polymyositis and dermatomyositis");
        assertThat(CATALOGUE.find("synapse-netakimab").orElseThrow().citation()).contains("What is Netakimab used for?");
    }

    @Test
    void everyDrugHasItsOwnLinkedLabel() {
        for (Drug drug : TestKnowledge.get().drugs().all()) {
            assertThat(CATALOGUE.labelsOf(drug.id())).as(drug.id()).isNotEmpty()
                    .allSatisfy(label -> assertThat(label.url()).isPresent());
        }
        assertThat(CATALOGUE.labelsOf("infliximab")).extracting(CitedSource::id)
                .containsExactly("label-remicade-us", "smpc-remicade-eu");
        assertThat(CATALOGUE.labelsOf("netakimab")).extracting(CitedSource::id).containsExactly("grls-efleira");
    }

    @Test
    void unknownSourceId_refusesToStartNamingTheFileAndId(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        replace(dir.resolve("PlanDefinition-tb-active.json"), "\"label\": \"ats-2017-tb\"", "\"label\": \"ats-2017\"");

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessage("PlanDefinition-tb-active.json: names source 'ats-2017', which is not in "
                        + "Library/source-catalogue (clinical-v2.md section 2)");
    }

    @Test
    void v1StyleCitationInAPlanDefinition_refusesToStart(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        replace(dir.resolve("PlanDefinition-hbv-active.json"), "\"label\": \"aga-2015\",",
                "\"label\": \"aga-2015\", \"display\": \"World J Gastroenterol 2014, Table 1\","
                        + " \"url\": \"http://www.wjgnet.com/1007-9327/full/v20/i43/16014-T1.htm\",");

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("PlanDefinition-hbv-active.json: relatedArtifact must name a source of "
                        + "Library/source-catalogue by its label (id) only")
                .hasMessageContaining("'aga-2015'");
    }

    @Test
    void retiredUrlInTheCatalogue_refusesToStartNamingTheFileAndEntry(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        replace(dir.resolve("Library-source-catalogue.json"), "\"url\": \"https://doi.org/10.1002/hep.29800\"",
                "\"url\": \"https://www.fda.gov/Drugs/DrugSafety/ucm250913.htm\"");

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("Library-source-catalogue.json: source 'aasld-2018' matches the retired source");
    }

    @Test
    void sourceDocumentNumberInTheCatalogue_refusesToStart(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        replace(dir.resolve("Library-source-catalogue.json"), "\"display\": \"SONIC: infliximab, azathioprine or both",
                "\"display\": \"Seed 000 and SONIC: infliximab, azathioprine or both");

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("Library-source-catalogue.json: source 'sonic-2010' matches the retired source");
    }

    @Test
    void drugWithoutALabel_refusesToStart(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        replace(dir.resolve("Library-source-catalogue.json"), "\"valueCode\": \"netakimab\"", "\"valueCode\": \"netakimabb\"");

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessage("Library-source-catalogue.json: has no linked label (source-label-of) of drug 'netakimab'");
    }

    @Test
    void missingCatalogue_refusesToStart(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        Files.delete(dir.resolve("Library-source-catalogue.json"));

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageStartingWith("Library-source-catalogue.json: is missing");
    }

    @Test
    void malformedVerificationMarker_refusesToStart(@TempDir Path dir) throws IOException {
        copyKnowledge(dir);
        replace(dir.resolve("Library-source-catalogue.json"), "\"valueCode\": \"open\"", "\"valueCode\": \"verified-ish\"");

        assertThatThrownBy(() -> new KnowledgeLoader(TestKnowledge.FHIR).load(dir))
                .isInstanceOf(KnowledgeException.class)
                .hasMessageContaining("Library-source-catalogue.json: source 'grls-efleira': source-verification status");
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file.getFileName() + " holds the text the test breaks").contains(from);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
    }

    private static void copyKnowledge(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
    }
}
