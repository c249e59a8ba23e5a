package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.biologicscds.testing.NeedsSharedFixtures;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.SharedFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * No 500 for any bad input: every value of every request of ours (the README examples and the
 * interop-shaped requests), replaced in turn by each JSON type (null, number, boolean, string,
 * empty array, nested array, empty object, nested object), is sent over HTTP to the service of its
 * hook, and no answer is a 5xx. Our requests: 1,015 values x 8 types = 8,120 requests. The
 * fixtures of other systems in ../shared/fixtures (when present) are mutated too, each value once,
 * by the types in turn (value i gets type i mod 8): about 2,250 more requests; -Dmutation.full=true
 * sends them every type as well (about 18,000).
 */
class TypeMutationTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<JsonNode> TYPES = Stream.of("null", "7", "true", "\"x\"", "[]", "[[{}]]", "{}",
            "{\"resourceType\":{}}").map(TypeMutationTest::json).toList();

    private static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new RunningServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void everyValueOfOurRequests_asEveryJsonType_isNeverA5xx() throws Exception {
        List<Path> files = new ArrayList<>(jsonFiles(Path.of("hooks/examples")));
        files.addAll(jsonFiles(Path.of("src/test/resources/interop/requests")));

        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Path file : files) {
            sent += mutateAndSend(file.toString(), MAPPER.readTree(file.toFile()), true, failures);
        }

        assertThat(sent).isGreaterThanOrEqualTo(8_000);
        assertThat(failures).as("%d of %d mutated requests answered 5xx", failures.size(), sent).isEmpty();
    }

    @Test
    @NeedsSharedFixtures
    void everyValueOfTheSharedFixtureRequests_asAJsonTypeOfAnother_isNeverA5xx() throws Exception {
        List<String> failures = new ArrayList<>();
        int sent = 0;
        for (Path file : jsonFiles(SharedFixtures.folder())) {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root.has("request") && root.has("path")) {
                root = root.get("request"); // the sandbox's captures wrap the request
            }
            if (root.isObject() && root.has("hook") && root.has("context")) {
                sent += mutateAndSend(file.toString(), root, Boolean.getBoolean("mutation.full"), failures);
            }
        }

        assertThat(sent).isGreaterThan(1_000);
        assertThat(failures).as("%d of %d mutated requests answered 5xx", failures.size(), sent).isEmpty();
    }

    private static String example(String name, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(Path.of("hooks/examples", name).toFile());
        edit.accept(root);
        return MAPPER.writeValueAsString(root);
    }

    @Test
    void draftOrdersEntryWhoseResourceIsANumber_is400NamingContextDraftOrders() throws Exception {
        String body = example("order-sign-infliximab-no-tb-screening.json",
                root -> ((ObjectNode) root.at("/context/draftOrders/entry/0")).put("resource", 7));

        Reply reply = server.post("/cds-services/biologic-order-sign", "application/json", body);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().at("/issue/0/diagnostics").asText())
                .isEqualTo("BCDS-1011: context.draftOrders is not a readable FHIR R4 Bundle");
    }

    @Test
    void prefetchEntryWhoseResourceIsABoolean_isAFailedKey_412WithoutAFhirServer() throws Exception {
        String body = example("order-sign-infliximab-no-tb-screening.json", root -> {
            root.remove("fhirServer");
            ((ObjectNode) root.at("/prefetch/conditions/entry/0")).put("resource", true);
        });

        Reply reply = server.post("/cds-services/biologic-order-sign", "application/json", body);

        assertThat(reply.status()).isEqualTo(412);
        assertThat(reply.json().at("/issue/0/diagnostics").asText())
                .startsWith("BCDS-2001: the patient data these checks need could not be had: prefetch failed or is not FHIR [conditions];");
    }

    @Test
    void prefetchEntryWhoseResourceIsAString_isAFailedKey_fetchedFromFhirServer() throws Exception {
        org.biologicscds.sandbox.SandboxFhirServer sandbox =
                new org.biologicscds.sandbox.SandboxFhirServer(new org.biologicscds.sandbox.ResourceStore());
        sandbox.load(Path.of("src/main/resources/demo-patients"));
        try (RunningServer withSandbox = new RunningServer(org.biologicscds.record.FetchSettings.defaults(),
                List.of(sandbox.handler()))) {
            String intact = example("order-sign-infliximab-no-tb-screening.json", root -> { });
            String body = example("order-sign-infliximab-no-tb-screening.json", root -> {
                root.put("fhirServer", withSandbox.uri("/fhir").toString());
                ((ObjectNode) root.at("/prefetch/conditions/entry/0")).put("resource", "x");
            });

            Reply expected = withSandbox.call("biologic-order-sign", intact);
            Reply reply = withSandbox.call("biologic-order-sign", body);

            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(expected.json().get("cards")).hasSize(1);
            assertThat(org.biologicscds.testing.SameAnswer.cardsWithoutUuids(reply.json()))
                    .isEqualTo(org.biologicscds.testing.SameAnswer.cardsWithoutUuids(expected.json()));
        }
    }

    /** Sends {@code request} with each value replaced (by every type, or by one type in turn); returns how many. */
    private static int mutateAndSend(String name, JsonNode request, boolean everyType, List<String> failures) throws Exception {
        String service = switch (request.path("hook").asText()) {
            case "order-sign" -> "biologic-order-sign";
            case "patient-view" -> "biologic-patient-view";
            default -> "biologic-order-select";
        };
        List<JsonPointer> paths = new ArrayList<>();
        collect(request, JsonPointer.empty(), paths);
        int sent = 0;
        for (int i = 0; i < paths.size(); i++) {
            List<JsonNode> types = everyType ? TYPES : List.of(TYPES.get(i % TYPES.size()));
            for (JsonNode type : types) {
                JsonNode mutated = replaced(request, paths.get(i), type);
                Reply reply = server.post("/cds-services/" + service, "application/json", MAPPER.writeValueAsString(mutated));
                sent++;
                if (reply.status() >= 500) {
                    failures.add(name + " " + paths.get(i) + " = " + type + " -> " + reply.status() + " " + reply.body());
                }
            }
        }
        return sent;
    }

    private static void collect(JsonNode node, JsonPointer at, List<JsonPointer> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonPointer child = at.appendProperty(field.getKey());
                paths.add(child);
                collect(field.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                JsonPointer child = at.appendIndex(i);
                paths.add(child);
                collect(node.get(i), child, paths);
            }
        }
    }

    private static JsonNode replaced(JsonNode root, JsonPointer path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else if (parent instanceof ArrayNode array) {
            array.set(path.last().getMatchingIndex(), value.deepCopy());
        }
        return copy;
    }

    private static List<Path> jsonFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
