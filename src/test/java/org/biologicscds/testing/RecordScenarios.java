package org.biologicscds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads {@link RecordScenario}s from files, so the harness can be pointed at any folder of them.
 * A file (every {@code *.json} under a folder, in name order) may be:
 *
 * <ol>
 *   <li>a CDS Hooks request with its prefetch ({@code hooks/examples}): the record is what the
 *       prefetch holds; one scenario, for the service of its hook;</li>
 *   <li>a FHIR Bundle of a record (a demo patient, a Synthea transaction bundle): its draft
 *       MedicationRequests ({@code status = draft}) are the orders, or, if it has none, an infliximab
 *       order is added; two scenarios, order-sign with every draft and order-select of the first;</li>
 *   <li>an object {@code {"record": Bundle or [resources], "draftOrders": Bundle or [MedicationRequests],
 *       "hook": "order-sign"}} (hook optional; both hooks when absent): as 2 with explicit drafts.</li>
 * </ol>
 */
public final class RecordScenarios {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INFLIXIMAB = """
            {"resourceType":"MedicationRequest","id":"draft-added","status":"draft","intent":"order",
             "subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-23",
             "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
               "code":"1790546","display":"infliximab-dyyb 100 MG Injection [Inflectra]"}]}}""";

    private RecordScenarios() {
    }

    /** Every scenario in the files under {@code folder} (or of the file); none if it does not exist. */
    public static List<RecordScenario> from(Path folder) {
        if (!Files.exists(folder)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<RecordScenario> scenarios = new ArrayList<>();
        for (Path file : files) {
            scenarios.addAll(read(file));
        }
        return scenarios;
    }

    private static List<RecordScenario> read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = file.getFileName().toString();
        if (root.has("hook") && root.has("context")) {
            return List.of(fromRequest(name, (ObjectNode) root));
        }
        if ("Bundle".equals(root.path("resourceType").asText())) {
            return fromRecord(name, root, null, null);
        }
        if (root.has("record")) {
            JsonNode record = asBundle(root.get("record"));
            if (root.has("patient")) {
                // The scenario suite's shape: the Patient apart from the rest of the record.
                ArrayNode entries = (ArrayNode) record.get("entry");
                entries.insertObject(0).set("resource", root.get("patient"));
            }
            List<RecordScenario> scenarios = fromRecord(name, record, asBundle(root.get("draftOrders")),
                    root.path("hook").asText(null));
            if (root.has("selections")) {
                for (RecordScenario scenario : scenarios) {
                    ((ObjectNode) scenario.request().get("context")).set("selections", root.get("selections"));
                }
            }
            return scenarios;
        }
        throw new IllegalArgumentException(file + " is neither a CDS Hooks request, a Bundle nor {record, draftOrders}");
    }

    private static RecordScenario fromRequest(String name, ObjectNode request) {
        ObjectNode copy = request.deepCopy();
        ObjectNode prefetch = (ObjectNode) copy.remove("prefetch");
        copy.remove(List.of("fhirServer", "fhirAuthorization"));
        ArrayNode entries = MAPPER.createArrayNode();
        prefetch.forEach(value -> {
            if ("Bundle".equals(value.path("resourceType").asText())) {
                value.path("entry").forEach(e -> entries.addObject().set("resource", e.get("resource")));
            } else if (value.isObject()) {
                entries.addObject().set("resource", value);
            }
        });
        String hook = request.get("hook").asText();
        return new RecordScenario(name, "biologic-" + hook, copy, collection(entries).toString(), prefetch);
    }

    private static List<RecordScenario> fromRecord(String name, JsonNode record, JsonNode drafts, String onlyHook) {
        String patientId = null;
        ArrayNode orders = MAPPER.createArrayNode();
        for (JsonNode entry : record.path("entry")) {
            JsonNode resource = entry.path("resource");
            if (resource.path("resourceType").asText().equals("Patient")) {
                patientId = resource.path("id").asText();
            }
            if (drafts == null && resource.path("resourceType").asText().equals("MedicationRequest")
                    && resource.path("status").asText().equals("draft")) {
                orders.addObject().set("resource", resource.deepCopy());
            }
        }
        if (patientId == null) {
            throw new IllegalArgumentException(name + ": the record has no Patient");
        }
        if (drafts != null) {
            drafts.path("entry").forEach(e -> orders.addObject().set("resource", e.get("resource")));
        }
        if (orders.isEmpty()) {
            orders.addObject().set("resource", Json.object(INFLIXIMAB.formatted(patientId)));
        }
        for (JsonNode order : orders) {
            // A transaction bundle may refer to its Patient by urn:uuid; an EHR's draft names Patient/id.
            ((ObjectNode) order.get("resource")).putObject("subject").put("reference", "Patient/" + patientId);
        }
        List<RecordScenario> scenarios = new ArrayList<>();
        for (String hook : onlyHook == null ? List.of("order-sign", "order-select") : List.of(onlyHook)) {
            ObjectNode request = MAPPER.createObjectNode();
            request.put("hook", hook);
            request.put("hookInstance", "same-answer-" + name + "-" + hook);
            ObjectNode context = request.putObject("context");
            context.put("userId", "Practitioner/same-answer");
            context.put("patientId", patientId);
            context.set("draftOrders", collection(orders));
            if (hook.equals("order-select")) {
                JsonNode first = orders.get(0).get("resource");
                context.putArray("selections").add("MedicationRequest/" + first.path("id").asText());
            }
            scenarios.add(new RecordScenario(name + " " + hook, "biologic-" + hook, request, record.toString(), null));
        }
        return scenarios;
    }

    private static JsonNode asBundle(JsonNode node) {
        if (node == null || node.isObject()) {
            return node;
        }
        ArrayNode entries = MAPPER.createArrayNode();
        node.forEach(resource -> entries.addObject().set("resource", resource));
        return collection(entries);
    }

    private static ObjectNode collection(ArrayNode entries) {
        ObjectNode bundle = MAPPER.createObjectNode();
        bundle.put("resourceType", "Bundle");
        bundle.put("type", "collection");
        bundle.set("entry", entries);
        return bundle;
    }
}
