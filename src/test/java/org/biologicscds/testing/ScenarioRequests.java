package org.biologicscds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The scenario files of {@code src/test/resources/scenarios/} and the CDS Hooks requests they stand
 * for. A scenario is one patient: a Patient, the resources of the record, the draft orders, the hook
 * and the cards it must produce. This class turns it into a request body:
 *
 * <ul>
 *   <li>{@link #request(ScenarioFile)}: with prefetch, as an EHR that honours the service's prefetch
 *       templates sends it. The Patient goes under the key whose template reads {@code Patient/...};
 *       each record resource goes under the key whose query returns its type ({@code Condition?...}
 *       takes Conditions, {@code MedicationRequest?..._include=MedicationRequest:medication} takes
 *       MedicationRequests and the Medications they reference), as a searchset Bundle; a key that
 *       finds nothing is JSON {@code null} ("searched, nothing found").</li>
 *   <li>{@link #requestWithoutPrefetch(ScenarioFile, String)}: no prefetch, a {@code fhirServer}
 *       instead, for running the same scenarios against a FHIR server loaded with
 *       {@link ScenarioFile#resources()}.</li>
 * </ul>
 *
 * The keys and their resource types are read from the service definitions ({@code hooks/*.json}), so
 * a new prefetch key needs no change here. A record resource that no key would return is an error:
 * the scenario would describe data the service can never see.
 */
public final class ScenarioRequests {

    /** Where the scenario files live, relative to the project folder (the tests' working directory). */
    public static final Path FOLDER = Path.of("src/test/resources/scenarios");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A card a scenario expects: the rule id (the card's {@code source.topic.code}) and its indicator. */
    public record ExpectedCard(String rule, String indicator) {
        @Override
        public String toString() {
            return rule + "/" + indicator;
        }
    }

    /** One scenario file, read as JSON; the accessors name its parts. */
    public record ScenarioFile(Path path, JsonNode json) {

        /** The file name without {@code .json}: {@code 07-igra-expired}. */
        public String name() {
            String file = path.getFileName().toString();
            return file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        }

        public String description() {
            return json.path("description").asText();
        }

        /** {@code order-sign} or {@code order-select}. */
        public String hook() {
            return json.path("hook").asText();
        }

        /** The service that answers the hook: {@code biologic-order-sign} or {@code biologic-order-select}. */
        public String serviceId() {
            return "biologic-" + hook();
        }

        public ObjectNode patient() {
            return (ObjectNode) json.get("patient");
        }

        public String patientId() {
            return patient().path("id").asText();
        }

        /** The resources of the patient's record (everything but the Patient and the drafts). */
        public List<ObjectNode> record() {
            return objects(json.path("record"));
        }

        public List<ObjectNode> draftOrders() {
            return objects(json.path("draftOrders"));
        }

        /** The selected drafts ({@code MedicationRequest/<id>}); empty for order-sign. */
        public List<String> selections() {
            return texts(json.path("selections"));
        }

        /** Every card the scenario must produce, no more, no fewer. */
        public List<ExpectedCard> expect() {
            List<ExpectedCard> cards = new ArrayList<>();
            for (JsonNode card : json.path("expect")) {
                cards.add(new ExpectedCard(card.path("rule").asText(), card.path("indicator").asText()));
            }
            return cards;
        }

        /** The near-miss rules the scenario is built to stay silent on. */
        public List<String> mustNotFire() {
            return texts(json.path("mustNotFire"));
        }

        /** A known defect of a rule or of the knowledge that makes the scenario fail today, if any. */
        public Optional<String> knownBug() {
            JsonNode bug = json.get("knownBug");
            return bug == null || bug.isNull() || bug.asText().isBlank() ? Optional.empty() : Optional.of(bug.asText());
        }

        /** The Patient and every record resource: what a FHIR server must hold to answer the prefetch queries. */
        public List<ObjectNode> resources() {
            List<ObjectNode> all = new ArrayList<>();
            all.add(patient());
            all.addAll(record());
            return all;
        }

        @Override
        public String toString() {
            return name();
        }

        private static List<ObjectNode> objects(JsonNode array) {
            List<ObjectNode> list = new ArrayList<>();
            array.forEach(n -> list.add((ObjectNode) n));
            return list;
        }

        private static List<String> texts(JsonNode array) {
            List<String> list = new ArrayList<>();
            array.forEach(n -> list.add(n.asText()));
            return list;
        }
    }

    /** What one prefetch key returns: the primary type of its query and the types it includes. */
    public record PrefetchKey(String key, String template, String type, Set<String> includedTypes, boolean single) {

        /** True if the key's query returns resources of {@code resourceType}. */
        public boolean returns(String resourceType) {
            return type.equals(resourceType) || includedTypes.contains(resourceType);
        }
    }

    private final Map<String, List<PrefetchKey>> keysByService = new LinkedHashMap<>();

    /** Reads the service definitions of {@code hooksFolder} (the project's {@code hooks/}). */
    public ScenarioRequests(Path hooksFolder) {
        try (Stream<Path> files = Files.list(hooksFolder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode service = MAPPER.readTree(file.toFile());
                if (service.hasNonNull("id") && service.has("prefetch")) {
                    keysByService.put(service.get("id").asText(), keys(service.get("prefetch")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the service definitions in " + hooksFolder, e);
        }
    }

    /** Every scenario file of {@code folder}, in file-name order. */
    public static List<ScenarioFile> load(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(ScenarioRequests::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the scenarios in " + folder, e);
        }
    }

    public static ScenarioFile read(Path file) {
        try {
            return new ScenarioFile(file, MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario " + file, e);
        }
    }

    /** The prefetch keys of a service, in the order of its definition. */
    public List<PrefetchKey> prefetchKeys(String serviceId) {
        List<PrefetchKey> keys = keysByService.get(serviceId);
        if (keys == null) {
            throw new IllegalArgumentException("no service definition with id " + serviceId);
        }
        return keys;
    }

    /** The request with every prefetch key filled from the scenario's record. */
    public ObjectNode request(ScenarioFile scenario) {
        ObjectNode request = baseRequest(scenario);
        request.set("prefetch", prefetch(scenario));
        return request;
    }

    /** The request with no prefetch and {@code fhirServer} set, for a service that fetches the record itself. */
    public ObjectNode requestWithoutPrefetch(ScenarioFile scenario, String fhirServer) {
        ObjectNode request = baseRequest(scenario);
        request.put("fhirServer", fhirServer);
        return request;
    }

    /** The request body as a string. */
    public String requestBody(ScenarioFile scenario) {
        return request(scenario).toString();
    }

    /** The prefetch object: key → Patient, searchset Bundle, or null. */
    public ObjectNode prefetch(ScenarioFile scenario) {
        List<PrefetchKey> keys = prefetchKeys(scenario.serviceId());
        Map<String, List<ObjectNode>> byKey = new LinkedHashMap<>();
        keys.forEach(k -> byKey.put(k.key(), new ArrayList<>()));
        for (ObjectNode resource : scenario.record()) {
            String type = resource.path("resourceType").asText();
            PrefetchKey key = keys.stream().filter(k -> !k.single() && k.returns(type)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(scenario.name() + ": no prefetch key of "
                            + scenario.serviceId() + " returns a " + type + " (" + resource.path("id").asText() + ")"));
            byKey.get(key.key()).add(resource);
        }
        ObjectNode prefetch = NODES.objectNode();
        for (PrefetchKey key : keys) {
            if (key.single()) {
                if (!key.type().equals("Patient")) {
                    throw new IllegalArgumentException("prefetch key " + key.key() + " reads a single " + key.type()
                            + ": scenarios only supply the Patient");
                }
                prefetch.set(key.key(), scenario.patient().deepCopy());
                continue;
            }
            List<ObjectNode> found = byKey.get(key.key());
            prefetch.set(key.key(), found.isEmpty() ? NODES.nullNode() : searchset(key, found));
        }
        return prefetch;
    }

    private static ObjectNode baseRequest(ScenarioFile scenario) {
        ObjectNode request = NODES.objectNode();
        request.put("hook", scenario.hook());
        request.put("hookInstance", UUID.nameUUIDFromBytes(scenario.name().getBytes(StandardCharsets.UTF_8)).toString());
        ObjectNode context = request.putObject("context");
        context.put("userId", scenario.json().path("userId").asText("Practitioner/scenario-prescriber"));
        context.put("patientId", scenario.patientId());
        ObjectNode drafts = context.putObject("draftOrders");
        drafts.put("resourceType", "Bundle");
        drafts.put("type", "collection");
        ArrayNode entries = drafts.putArray("entry");
        for (ObjectNode draft : scenario.draftOrders()) {
            entries.addObject().set("resource", draft.deepCopy());
        }
        if (!scenario.selections().isEmpty()) {
            ArrayNode selections = context.putArray("selections");
            scenario.selections().forEach(selections::add);
        }
        return request;
    }

    private static ObjectNode searchset(PrefetchKey key, List<ObjectNode> resources) {
        ObjectNode bundle = NODES.objectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "searchset");
        bundle.put("total", resources.stream().filter(r -> key.type().equals(r.path("resourceType").asText())).count());
        ArrayNode entries = bundle.putArray("entry");
        for (ObjectNode resource : resources) {
            String type = resource.path("resourceType").asText();
            ObjectNode entry = entries.addObject();
            entry.put("fullUrl", "urn:uuid:" + UUID.nameUUIDFromBytes((type + "/" + resource.path("id").asText())
                    .getBytes(StandardCharsets.UTF_8)));
            entry.set("resource", resource.deepCopy());
            entry.putObject("search").put("mode", key.type().equals(type) ? "match" : "include");
        }
        return bundle;
    }

    private static List<PrefetchKey> keys(JsonNode prefetch) {
        List<PrefetchKey> keys = new ArrayList<>();
        prefetch.fields().forEachRemaining(field -> keys.add(key(field.getKey(), field.getValue().asText())));
        return keys;
    }

    /** "Condition?patient={{context.patientId}}" → Condition; "Patient/{{context.patientId}}" → a single Patient. */
    static PrefetchKey key(String key, String template) {
        int query = template.indexOf('?');
        int slash = template.indexOf('/');
        boolean single = query < 0 && slash > 0;
        String type = template.substring(0, single ? slash : query < 0 ? template.length() : query);
        Set<String> included = new LinkedHashSet<>();
        if (query >= 0) {
            for (String parameter : template.substring(query + 1).split("&")) {
                if (parameter.startsWith("_include=")) {
                    // _include=MedicationRequest:medication returns the Medication resources it references.
                    String[] target = parameter.substring("_include=".length()).split(":");
                    if (target.length >= 3) {
                        included.add(target[2]);
                    } else if (target.length == 2) {
                        included.add(target[1].substring(0, 1).toUpperCase(Locale.ROOT) + target[1].substring(1));
                    }
                }
            }
        }
        return new PrefetchKey(key, template, type, included, single);
    }
}
