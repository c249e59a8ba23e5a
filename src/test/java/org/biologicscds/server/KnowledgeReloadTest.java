package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.biologicscds.service.KnowledgeSource;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.RunningServer.Reply;
import org.biologicscds.testing.StalledFhirServer;
import org.biologicscds.testing.TestKnowledge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge reloaded without a restart ({@code POST /admin/reload-knowledge}): a rule switched
 * off and back on while calls run (every answer wholly one knowledge or the other, never an error),
 * a changed card text taken, a call in flight finishing on the knowledge it started with, and a
 * broken folder keeping the old knowledge serving and saying why.
 */
class KnowledgeReloadTest {

    private static final String SIGN = "biologic-order-sign";
    // The example's one card: infliximab with methotrexate is the recommended co-therapy (clinical-v2.md 3.3),
    // so the rule switched off and on is the TB screening card.
    private static final Set<String> BOTH = Set.of("tb-screening-missing");
    private static final Set<String> WITHOUT_MTX = Set.of();

    @TempDir
    Path dir;

    private Path knowledge;
    private Path policy;
    private RunningServer server;
    private String example;

    @BeforeEach
    void start() throws Exception {
        knowledge = dir.resolve("fhir-profiles");
        Files.createDirectories(knowledge);
        try (Stream<Path> files = Files.list(TestKnowledge.FOLDER)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Files.copy(file, knowledge.resolve(file.getFileName()));
            }
        }
        policy = dir.resolve("policy.json");
        writePolicy(true);
        server = RunningServer.reloadingFrom(new KnowledgeSource(knowledge, policy));
        example = Files.readString(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private void writePolicy(boolean methotrexateOn) throws IOException {
        Files.writeString(policy, """
                {"resourceType": "Parameters", "parameter": [
                  {"name": "tb-screening-missing", "part": [{"name": "enabled", "valueBoolean": %s}]}]}"""
                .formatted(methotrexateOn));
    }

    private Reply reload(String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/admin/reload-knowledge"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return server.send(request.build());
    }

    private Reply reload() throws Exception {
        return reload(RunningServer.ADMIN_TOKEN);
    }

    private static Set<String> topics(Reply reply) {
        Set<String> topics = new TreeSet<>();
        reply.json().path("cards").forEach(c -> topics.add(c.at("/source/topic/code").asText()));
        return topics;
    }

    @Test
    void ruleSwitchedOffAndBackOn_whileCallsRun_everyAnswerIsWhollyOneKnowledge() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> wrong = new CopyOnWriteArrayList<>();
        Set<Set<String>> seen = ConcurrentHashMap.newKeySet();
        ExecutorService callers = Executors.newFixedThreadPool(3);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            counts.add(callers.submit(() -> {
                int calls = 0;
                while (running.get()) {
                    Reply reply = server.call(SIGN, example);
                    calls++;
                    Set<String> topics = reply.status() == 200 ? topics(reply) : Set.of();
                    if (!topics.equals(BOTH) && !topics.equals(WITHOUT_MTX)) {
                        wrong.add(reply.status() + " " + topics);
                    }
                    seen.add(topics);
                }
                return calls;
            }));
        }
        try {
            for (boolean on : new boolean[] {false, true, false, true}) {
                writePolicy(on);
                Reply reload = reload();
                assertThat(reload.status()).as(reload.body()).isEqualTo(200);
                assertThat(reload.json().get("reloaded").asBoolean()).isTrue();
                // Once the reload answered, every new call is on the new knowledge.
                assertThat(topics(server.call(SIGN, example))).isEqualTo(on ? BOTH : WITHOUT_MTX);
                Thread.sleep(200);
            }
        } finally {
            running.set(false);
            callers.shutdown();
            assertThat(callers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
        int calls = 0;
        for (Future<Integer> count : counts) {
            calls += count.get();
        }

        assertThat(wrong).as("answers out of %d that were neither knowledge", calls).isEmpty();
        assertThat(seen).containsExactlyInAnyOrder(BOTH, WITHOUT_MTX);
    }

    @Test
    void changedCardText_inTheFolder_isTakenOnReload() throws Exception {
        Path rule = knowledge.resolve("PlanDefinition-tb-screening-missing.json");
        Files.writeString(rule, Files.readString(rule).replace("No TB screening (IGRA or skin test) on record {moment}",
                "No IGRA or skin test on record {moment}"));

        assertThat(server.call(SIGN, example).body()).contains("No TB screening (IGRA or skin test) on record before starting infliximab");
        assertThat(reload().status()).isEqualTo(200);
        String after = server.call(SIGN, example).body();

        assertThat(after).contains("No IGRA or skin test on record before starting infliximab")
                .doesNotContain("No TB screening (IGRA or skin test) on record");
    }

    @Test
    void brokenFolder_keepsTheKnowledgeInUseServing_andSaysWhy() throws Exception {
        Path valueSet = knowledge.resolve("ValueSet-methotrexate.json");
        String good = Files.readString(valueSet);
        Files.writeString(valueSet, "{\"resourceType\": \"ValueSet\", \"compose\": ");
        writePolicy(false);

        Reply refused = reload();

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/issue/0/diagnostics").asText())
                .startsWith("BCDS-1622: the knowledge was not reloaded, the knowledge in use stays: ")
                .contains("ValueSet-methotrexate.json");
        assertThat(topics(server.call(SIGN, example))).isEqualTo(BOTH);

        Files.writeString(valueSet, good);
        assertThat(reload().status()).isEqualTo(200);
        assertThat(topics(server.call(SIGN, example))).isEqualTo(WITHOUT_MTX);
    }

    @Test
    void aCallInFlight_finishesOnTheKnowledgeItStartedWith() throws Exception {
        try (StalledFhirServer ehr = new StalledFhirServer()) {
            // The patient is fetched from an EHR server that holds the request: the call waits mid-way.
            String waiting = Json.edit(example, root -> {
                ((ObjectNode) root).put("fhirServer", ehr.base());
                ((ObjectNode) root.get("prefetch")).remove("patient");
            });
            ExecutorService caller = Executors.newSingleThreadExecutor();
            try {
                Future<Reply> inFlight = caller.submit(() -> server.call(SIGN, waiting));
                ehr.awaitStalled();

                writePolicy(false);
                assertThat(reload().status()).isEqualTo(200);
                assertThat(topics(server.call(SIGN, example))).isEqualTo(WITHOUT_MTX);
                ehr.release();

                Reply started = inFlight.get(30, TimeUnit.SECONDS);
                assertThat(started.status()).as(started.body()).isEqualTo(200);
                assertThat(topics(started)).isEqualTo(BOTH);
            } finally {
                caller.shutdownNow();
            }
        }
    }

    @Test
    void reload_needsTheAdminToken_andAPost() throws Exception {
        assertThat(reload(null).status()).isEqualTo(401);
        assertThat(reload("wrong-token-of-enough-length").status()).isEqualTo(401);
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/admin/reload-knowledge"))
                .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).GET().build()).status()).isEqualTo(405);
    }

    @Test
    void aServiceOnTheBundledKnowledge_cannotReload_andSaysHow() throws Exception {
        try (RunningServer bundled = new RunningServer()) {
            Reply reply = bundled.send(HttpRequest.newBuilder(bundled.uri("/admin/reload-knowledge"))
                    .header("Authorization", "Bearer " + RunningServer.ADMIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build());

            assertThat(reply.status()).isEqualTo(409);
            JsonNode outcome = reply.json();
            assertThat(outcome.at("/issue/0/diagnostics").asText()).startsWith("BCDS-1623:").contains("--knowledge DIR");
        }
    }
}
