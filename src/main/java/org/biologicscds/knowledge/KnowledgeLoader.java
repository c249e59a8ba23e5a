package org.biologicscds.knowledge;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.biologicscds.hooks.Coding;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Library;
import org.hl7.fhir.r4.model.MedicationKnowledge;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Reads the knowledge folder: every {@code <ResourceType>-<id>.json} file, parsed strictly, then
 * checked for what the mechanism relies on (canonical URLs, the rule and class code systems, a
 * PlanDefinition per rule with its parameters and its sources named from the source catalogue, one
 * value set per drug, class value sets that agree with the drugs, a label of every drug in the
 * catalogue, no retired source). Any problem is
 * a {@link KnowledgeException} naming the file and the reason; the service does not start on it.
 *
 * <p>Full validation against the FHIR specification is {@link KnowledgeValidator}'s job: it is too
 * slow for every start, and runs in the test suite and in {@code check-knowledge}.
 */
public final class KnowledgeLoader {

    static final String RULE_SYSTEM = Knowledge.CANONICAL_BASE + "/CodeSystem/biologic-rule";
    static final String CLASS_SYSTEM = Knowledge.CANONICAL_BASE + "/CodeSystem/biologic-class";
    static final String OVERRIDE_SYSTEM = Knowledge.CANONICAL_BASE + "/CodeSystem/override-reason";
    /** The id of the Library that carries the course-state parameters (clinical-v2.md section 1.3). */
    static final String COURSE_STATE = "course-state";

    private final FhirContext fhir;

    public KnowledgeLoader(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** Loads and checks the folder. */
    public Knowledge load(Path folder) {
        List<KnowledgeFile> files = readFiles(folder);
        Map<String, String> fileOfUrl = new HashMap<>();
        Map<String, CodeSystem> codeSystems = new LinkedHashMap<>();
        List<ValueSet> valueSets = new ArrayList<>();
        List<KnowledgeFile> medications = new ArrayList<>();
        Map<String, KnowledgeFile> plans = new LinkedHashMap<>();
        RuleParameters course = null;
        Map<String, RuleParameters> libraries = new LinkedHashMap<>();
        KnowledgeFile oneCardPerFactFile = null;
        KnowledgeFile sharedReads = null;
        SourceCatalog sources = null;
        for (KnowledgeFile file : files) {
            Resource resource = file.resource();
            if (resource instanceof CodeSystem cs) {
                checkCanonical(file, cs.getUrl(), "CodeSystem");
                fileOfUrl.put(cs.getUrl(), file.fileName());
                codeSystems.put(cs.getUrl(), cs);
            } else if (resource instanceof ValueSet vs) {
                checkCanonical(file, vs.getUrl(), "ValueSet");
                fileOfUrl.put(vs.getUrl(), file.fileName());
                valueSets.add(vs);
            } else if (resource instanceof MedicationKnowledge) {
                medications.add(file);
            } else if (resource instanceof PlanDefinition plan) {
                checkCanonical(file, plan.getUrl(), "PlanDefinition");
                plans.put(plan.getIdPart(), file);
            } else if (resource instanceof Library library && COURSE_STATE.equals(library.getIdPart())) {
                checkCanonical(file, library.getUrl(), "Library");
                course = RuleParameters.of(library, file.fileName());
            } else if (resource instanceof Library library && SourceCatalog.ID.equals(library.getIdPart())) {
                checkCanonical(file, library.getUrl(), "Library");
                sources = SourceCatalog.read(library, file.fileName());
            } else if (resource instanceof Library library && DataNeedsReader.SHARED_LIBRARY.equals(library.getIdPart())) {
                checkCanonical(file, library.getUrl(), "Library");
                sharedReads = file;
            } else if (resource instanceof Library library) {
                checkCanonical(file, library.getUrl(), "Library");
                libraries.put(library.getIdPart(), RuleParameters.of(library, file.fileName()));
            } else if (resource instanceof ConceptMap map && OneCardPerFact.URL.equals(map.getUrl())) {
                oneCardPerFactFile = file;
            }
        }
        if (sources == null) {
            throw new KnowledgeException("Library-" + SourceCatalog.ID + ".json",
                    "is missing: the source catalogue every card cites from (clinical-v2.md section 2)");
        }
        ValueSets expanded = ValueSets.expand(valueSets, fileOfUrl);
        Map<String, RuleParameters> byRule = new LinkedHashMap<>();
        RuleCatalog rules = ruleCatalog(required(codeSystems, RULE_SYSTEM), required(codeSystems, OVERRIDE_SYSTEM),
                plans, byRule, sources);
        CodeSystem classes = required(codeSystems, CLASS_SYSTEM);
        List<Drug> drugs = new ArrayList<>();
        for (KnowledgeFile file : medications) {
            drugs.add(drug(file, classes, expanded));
        }
        checkClassValueSets(classes, drugs, valueSets, fileOfUrl);
        if (course == null) {
            throw new KnowledgeException("Library-" + COURSE_STATE + ".json",
                    "is missing: the course-state parameters (restart-after, reminder windows) live there");
        }
        OneCardPerFact oneCardPerFact = oneCardPerFactFile == null ? OneCardPerFact.none()
                : OneCardPerFact.of((ConceptMap) oneCardPerFactFile.resource(), oneCardPerFactFile.fileName(),
                        Set.copyOf(rules.ids()));
        sources.checkDrugLabels("Library-" + SourceCatalog.ID + ".json", drugs.stream().map(Drug::id).toList());
        DataNeeds dataNeeds = new DataNeedsReader(fhir, expanded).read(plans, sharedReads);
        return new Knowledge(rules, expanded, new DrugCatalog(drugs, expanded), byRule, course, libraries, oneCardPerFact, files,
                dataNeeds);
    }

    private List<KnowledgeFile> readFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new KnowledgeException(folder.toString(), "is not a folder");
        }
        IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        List<KnowledgeFile> files = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = path.getFileName().toString();
                Resource resource;
                try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    resource = (Resource) parser.parseResource(reader);
                } catch (DataFormatException | ClassCastException e) {
                    throw new KnowledgeException(name, "is not a valid FHIR R4 resource: " + e.getMessage(), e);
                }
                String expected = resource.fhirType() + "-" + resource.getIdPart() + ".json";
                if (!name.equals(expected)) {
                    throw new KnowledgeException(name, "must be named " + expected
                            + " (<ResourceType>-<id>.json)");
                }
                if (!seen.add(expected)) {
                    throw new KnowledgeException(name, "duplicates another file");
                }
                files.add(new KnowledgeFile(name, resource));
            }
        } catch (IOException e) {
            throw new KnowledgeException(folder.toString(), "cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new KnowledgeException(folder.toString(), "holds no *.json resources");
        }
        return files;
    }

    private static void checkCanonical(KnowledgeFile file, String url, String type) {
        String expected = Knowledge.CANONICAL_BASE + "/" + type + "/" + file.resource().getIdPart();
        if (!expected.equals(url)) {
            throw new KnowledgeException(file.fileName(), "url must be " + expected + ", not " + url);
        }
    }

    private static CodeSystem required(Map<String, CodeSystem> codeSystems, String url) {
        CodeSystem cs = codeSystems.get(url);
        if (cs == null) {
            String id = url.substring(url.lastIndexOf('/') + 1);
            throw new KnowledgeException("CodeSystem-" + id + ".json", "is missing from the knowledge folder");
        }
        return cs;
    }

    /** Every rule of the CodeSystem has a PlanDefinition of the same id, and every PlanDefinition a rule. */
    private static RuleCatalog ruleCatalog(CodeSystem ruleSystem, CodeSystem overrideSystem,
                                           Map<String, KnowledgeFile> plans, Map<String, RuleParameters> parameters,
                                           SourceCatalog sources) {
        String file = "CodeSystem-" + ruleSystem.getIdPart() + ".json";
        List<RuleInfo> rules = new ArrayList<>();
        for (CodeSystem.ConceptDefinitionComponent concept : ruleSystem.getConcept()) {
            String id = concept.getCode();
            KnowledgeFile planFile = plans.get(id);
            if (planFile == null) {
                throw new KnowledgeException(file, "rule '" + id + "' has no PlanDefinition-" + id + ".json");
            }
            PlanDefinition plan = (PlanDefinition) planFile.resource();
            RuleParameters ruleParameters = RuleParameters.of(plan, planFile.fileName());
            List<String> sourceIds = sourceIds(planFile);
            sources.checkRuleSources(planFile.fileName(), sourceIds);
            if (!plan.hasDescription()) {
                throw new KnowledgeException(planFile.fileName(), "needs a description (why the finding matters)");
            }
            if (!concept.hasDefinition()) {
                throw new KnowledgeException(file, "rule '" + id + "' has no definition (when it fires)");
            }
            rules.add(new RuleInfo(id, concept.getDisplay(), concept.getDefinition(), plan.getDescription(),
                    ruleParameters.indicator(), sourceIds));
            parameters.put(id, ruleParameters);
        }
        for (String planId : plans.keySet()) {
            if (!parameters.containsKey(planId)) {
                throw new KnowledgeException(plans.get(planId).fileName(), "is not a rule of CodeSystem/biologic-rule");
            }
        }
        List<Coding> reasons = new ArrayList<>();
        for (CodeSystem.ConceptDefinitionComponent concept : overrideSystem.getConcept()) {
            reasons.add(new Coding(overrideSystem.getUrl(), concept.getCode(), concept.getDisplay()));
        }
        return new RuleCatalog(ruleSystem.getUrl(), rules, reasons, sources);
    }

    /**
     * A rule cites sources by catalogue id only ({@code relatedArtifact.label}): a display or url of
     * its own would bypass the catalogue and its retired list (clinical-v2.md 1.5, section 2).
     */
    private static List<String> sourceIds(KnowledgeFile planFile) {
        List<String> ids = new ArrayList<>();
        for (RelatedArtifact artifact : ((PlanDefinition) planFile.resource()).getRelatedArtifact()) {
            if (!artifact.hasLabel() || artifact.hasUrl() || artifact.hasDisplay() || artifact.hasCitation()) {
                throw new KnowledgeException(planFile.fileName(), "relatedArtifact must name a source of "
                        + "Library/source-catalogue by its label (id) only, without display, citation or url"
                        + (artifact.hasLabel() ? "; '" + artifact.getLabel() + "' does not" : ""));
            }
            if (artifact.hasResource() && !SourceCatalog.URL.equals(artifact.getResource())) {
                throw new KnowledgeException(planFile.fileName(), "relatedArtifact '" + artifact.getLabel()
                        + "' must point to " + SourceCatalog.URL + ", not " + artifact.getResource());
            }
            ids.add(artifact.getLabel());
        }
        return ids;
    }

    private static Drug drug(KnowledgeFile file, CodeSystem classes, ValueSets valueSets) {
        MedicationKnowledge mk = (MedicationKnowledge) file.resource();
        String id = mk.getIdPart();
        if (!valueSets.has(id)) {
            throw new KnowledgeException(file.fileName(), "has no value set of its codes and names: add ValueSet-"
                    + id + ".json");
        }
        String name = mk.getCode().hasText() ? mk.getCode().getText() : id;
        String drugClass = mk.getMedicineClassification().stream()
                .flatMap(c -> c.getClassification().stream())
                .flatMap(c -> c.getCoding().stream())
                .filter(c -> CLASS_SYSTEM.equals(c.getSystem()))
                .map(org.hl7.fhir.r4.model.Coding::getCode)
                .findFirst()
                .orElseThrow(() -> new KnowledgeException(file.fileName(),
                        "medicineClassification needs a class from " + CLASS_SYSTEM));
        if (classes.getConcept().stream().noneMatch(c -> c.getCode().equals(drugClass))) {
            throw new KnowledgeException(file.fileName(), "class '" + drugClass + "' is not in CodeSystem/biologic-class");
        }
        Optional<Double> halfLife = mk.getKinetics().stream()
                .filter(k -> k.hasHalfLifePeriod())
                .map(k -> toDays(file, k.getHalfLifePeriod()))
                .findFirst();
        return new Drug(id, name, drugClass, halfLife, weightBasedDose(file, mk), maintenanceInterval(file, mk));
    }

    /**
     * The default maintenance interval: the timing of the dosage whose type is "maintenance"
     * ({@code administrationGuidelines.dosage.type.text}), e.g. every 8 weeks for infliximab IV.
     */
    private static Optional<Integer> maintenanceInterval(KnowledgeFile file, MedicationKnowledge mk) {
        for (var guideline : mk.getAdministrationGuidelines()) {
            for (var dosage : guideline.getDosage()) {
                if (!"maintenance".equals(dosage.getType().getText())) {
                    continue;
                }
                for (Dosage d : dosage.getDosage()) {
                    var repeat = d.getTiming().getRepeat();
                    if (repeat.hasPeriod() && repeat.hasPeriodUnit()) {
                        double period = repeat.getPeriod().doubleValue();
                        double days = switch (repeat.getPeriodUnit()) {
                            case D -> period;
                            case WK -> period * 7;
                            case MO -> period * 30;
                            case H -> period / 24;
                            default -> throw new KnowledgeException(file.fileName(),
                                    "the maintenance interval must be in h, d, wk or mo");
                        };
                        return Optional.of((int) Math.max(1, Math.round(days)));
                    }
                }
                throw new KnowledgeException(file.fileName(), "the maintenance dosage needs timing.repeat period and periodUnit");
            }
        }
        return Optional.empty();
    }

    private static double toDays(KnowledgeFile file, Quantity quantity) {
        String code = quantity.getCode() == null ? "" : quantity.getCode();
        double value = quantity.getValue().doubleValue();
        return switch (code) {
            case "d" -> value;
            case "h" -> value / 24;
            case "wk" -> value * 7;
            default -> throw new KnowledgeException(file.fileName(), "half-life must be in UCUM d, h or wk");
        };
    }

    private static Optional<Drug.DoseRange> weightBasedDose(KnowledgeFile file, MedicationKnowledge mk) {
        for (var guideline : mk.getAdministrationGuidelines()) {
            for (var dosage : guideline.getDosage()) {
                for (Dosage d : dosage.getDosage()) {
                    for (var doseAndRate : d.getDoseAndRate()) {
                        if (doseAndRate.hasDoseRange()) {
                            Range range = doseAndRate.getDoseRange();
                            if (!"mg/kg".equals(range.getLow().getCode()) || !"mg/kg".equals(range.getHigh().getCode())) {
                                throw new KnowledgeException(file.fileName(), "dose range must be in UCUM mg/kg");
                            }
                            return Optional.of(new Drug.DoseRange(range.getLow().getValue().doubleValue(),
                                    range.getHigh().getValue().doubleValue()));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** A class value set ({@code <class>s}) must include exactly the value sets of the drugs of that class. */
    private static void checkClassValueSets(CodeSystem classes, List<Drug> drugs, List<ValueSet> valueSets,
                                            Map<String, String> fileOfUrl) {
        for (CodeSystem.ConceptDefinitionComponent drugClass : classes.getConcept()) {
            String classSetId = drugClass.getCode() + "s";
            ValueSet classSet = valueSets.stream().filter(v -> v.getIdPart().equals(classSetId)).findFirst()
                    .orElseThrow(() -> new KnowledgeException("ValueSet-" + classSetId + ".json",
                            "is missing: every biologic class needs a value set of its drugs"));
            Set<String> included = new TreeSet<>();
            classSet.getCompose().getInclude().forEach(inc -> inc.getValueSet()
                    .forEach(v -> included.add(v.getValue().substring(v.getValue().lastIndexOf('/') + 1))));
            Set<String> declared = new TreeSet<>();
            drugs.stream().filter(d -> d.drugClass().equals(drugClass.getCode())).forEach(d -> declared.add(d.id()));
            if (!included.equals(declared)) {
                throw new KnowledgeException(fileOfUrl.get(classSet.getUrl()), "includes " + included
                        + " but the MedicationKnowledge files of class '" + drugClass.getCode() + "' are " + declared);
            }
        }
    }
}
