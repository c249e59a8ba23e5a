package org.biologicscds.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.ECKey;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.biologicscds.server.CorsPolicy;
import org.biologicscds.server.HttpProtection;
import org.biologicscds.server.Limits;
import org.biologicscds.testing.ClientJwt;
import org.biologicscds.testing.RunningServer;
import org.biologicscds.testing.TestKnowledge;
import org.biologicscds.trust.ClientTokenVerifier;
import org.biologicscds.trust.TrustConfig;
import org.biologicscds.trust.TrustedIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server under load, as deployed (client JWTs on, default limits), on loopback for a bounded
 * time ({@code -Dload.seconds}, default 60): {@code -Dload.clients} (default 128) clients send a fixed mix of valid
 * and invalid requests, each signing a fresh JWT, while {@value #STALLERS} more keep uploads
 * stalled mid-body. Checks: no 5xx, every valid request answered with exactly its expected cards,
 * every invalid one with its expected status, and the heap after a full GC back near where it
 * started. Prints the figures (throughput, latency, heap) as Markdown.
 *
 * <p>Not part of {@code mvn verify}; run it with
 * {@code mvn -B -o test -Dtest=LoadTest -DargLine=-Xmx512m} (see docs/trust-and-limits.md).
 */
class LoadTest {

    static final int CLIENTS = Integer.getInteger("load.clients", 128);
    static final int STALLERS = 32;
    private static final ECKey KEY = ClientJwt.es256Key("load-client");
    private static final String ISSUER = "https://ehr.example.org";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One kind of request and what it must get. */
    enum Kind {
        SIGN_WITH_CARDS(true), SELECT_NO_CARDS(true), DISCOVERY(true), SANDBOX_CAPTURED(true),
        MALFORMED_JSON(false), WRONG_HOOK(false), MISSING_PREFETCH(false), NOT_JSON(false), UNKNOWN_SERVICE(false),
        NO_TOKEN(false), EXPIRED_TOKEN(false), REPLAYED_TOKEN(false), TOO_MANY_RESOURCES(false), DECLARED_TOO_LARGE(false);

        final boolean valid;

        Kind(boolean valid) {
            this.valid = valid;
        }
    }

    /** The mix, cycled through by a shared counter: 12 valid for every 10 invalid. */
    private static final List<Kind> MIX = List.of(
            Kind.SIGN_WITH_CARDS, Kind.SELECT_NO_CARDS, Kind.MALFORMED_JSON, Kind.DISCOVERY, Kind.SANDBOX_CAPTURED,
            Kind.NO_TOKEN, Kind.SIGN_WITH_CARDS, Kind.WRONG_HOOK, Kind.SELECT_NO_CARDS, Kind.EXPIRED_TOKEN,
            Kind.SANDBOX_CAPTURED, Kind.MISSING_PREFETCH, Kind.SIGN_WITH_CARDS, Kind.REPLAYED_TOKEN, Kind.DISCOVERY,
            Kind.NOT_JSON, Kind.SELECT_NO_CARDS, Kind.UNKNOWN_SERVICE, Kind.SIGN_WITH_CARDS, Kind.TOO_MANY_RESOURCES,
            Kind.SANDBOX_CAPTURED, Kind.DECLARED_TOO_LARGE);

    @TempDir
    Path dir;

    private final Map<Kind, Stats> stats = new ConcurrentHashMap<>();
    private final List<String> wrongAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong stalledAnswered408 = new AtomicLong();
    private final AtomicLong stalledOther = new AtomicLong();
    private volatile boolean running = true;
    private RunningServer server;
    private HttpClient client;
    private Bodies bodies;

    @Test
    void mixedValidAndInvalidLoad_noServerErrorEveryValidAnswerRightHeapBounded() throws Exception {
        Duration length = Duration.ofSeconds(Long.getLong("load.seconds", 60));
        Path jwks = ClientJwt.writeJwks(dir.resolve("load-client.json"), KEY);
        ClientTokenVerifier verifier = new ClientTokenVerifier(
                TrustConfig.of(List.of(new TrustedIssuer(ISSUER, List.of(jwks), List.of()))), Clock.systemUTC());
        Limits limits = Limits.defaults();
        server = new RunningServer(org.biologicscds.server.ServerConfig.DEFAULT_MAX_BODY_BYTES,
                new HttpProtection(Optional.of(verifier), Optional.empty(), CorsPolicy.noOrigin(), limits, false));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        bodies = new Bodies();
        for (Kind kind : Kind.values()) {
            stats.put(kind, new Stats());
        }
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        memory.gc();
        long heapBefore = memory.getHeapMemoryUsage().getUsed();
        List<Long> heapSamples = java.util.Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + STALLERS + 1);
        Instant started = Instant.now();
        pool.submit(() -> sampleHeap(memory, heapSamples));
        for (int i = 0; i < STALLERS; i++) {
            pool.submit(this::stallUploads);
        }
        for (int i = 0; i < CLIENTS; i++) {
            pool.submit(this::sendMix);
        }
        Thread.sleep(length.toMillis());
        running = false;
        pool.shutdown();
        assertThat(pool.awaitTermination(limits.requestTimeout().toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
        Duration elapsed = Duration.between(started, Instant.now());
        server.close();
        memory.gc();
        long heapAfter = memory.getHeapMemoryUsage().getUsed();

        String report = report(elapsed, heapBefore, heapAfter, heapSamples, Runtime.getRuntime().maxMemory());
        System.out.println(report);
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "biologics-cds-load-test.md"), report);

        assertThat(serverErrors.get()).as("5xx answers").isZero();
        assertThat(wrongAnswers).as("wrong answers").isEmpty();
        assertThat(stats.get(Kind.SIGN_WITH_CARDS).count.get()).isPositive();
        assertThat(stalledOther.get()).as("stalled uploads not answered 408").isZero();
        assertThat(heapAfter - heapBefore).as("heap growth after full GC").isLessThan(96L * 1024 * 1024);
    }

    private void sendMix() {
        while (running) {
            Kind kind = MIX.get((int) (sequence.getAndIncrement() % MIX.size()));
            long started = System.nanoTime();
            try {
                String problem = send(kind);
                if (problem != null) {
                    wrongAnswers.add(kind + ": " + problem);
                }
            } catch (Exception e) {
                wrongAnswers.add(kind + ": " + e);
            }
            stats.get(kind).record(System.nanoTime() - started);
        }
    }

    /** Sends one request of this kind; null when the answer is the expected one, else what was wrong. */
    private String send(Kind kind) throws Exception {
        String sign = "/cds-services/biologic-order-sign";
        String select = "/cds-services/biologic-order-select";
        return switch (kind) {
            case SIGN_WITH_CARDS -> expectCards(post(sign, bodies.signWithCards, token(sign)), List.of("tb-screening-missing", "methotrexate-combination"));
            case SELECT_NO_CARDS -> expectCards(post(select, bodies.selectScreened, token(select)), List.of());
            // a methotrexate draft is a reverse trigger (clinical-v2.md 1.4 R): the record is needed, the
            // sandbox's fhirServer (localhost:8081) is not there: 412
            case SANDBOX_CAPTURED -> expectStatus(post(sign, bodies.sandboxSign, token(sign)), 412, "BCDS-2002");
            case DISCOVERY -> expectDiscovery(get("/cds-services", token("/cds-services")));
            case MALFORMED_JSON -> expectStatus(post(sign, "{\"hook\": \"order-sign\", \"context\": {", token(sign)), 400, "BCDS-1002");
            case WRONG_HOOK -> expectStatus(post(sign, bodies.selectScreened, token(sign)), 400, "BCDS-1004");
            case MISSING_PREFETCH -> expectStatus(post(sign, bodies.missingPrefetch, token(sign)), 412, "BCDS-2001");
            case NOT_JSON -> expectStatus(send(HttpRequest.newBuilder(server.uri(sign)).header("Authorization", "Bearer " + token(sign))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build()), 415, "BCDS-1415");
            case UNKNOWN_SERVICE -> expectStatus(post("/cds-services/no-such", bodies.signWithCards, token("/cds-services/no-such")), 404, "BCDS-1404");
            case NO_TOKEN -> expectStatus(post(sign, bodies.signWithCards, null), 401, "");
            case EXPIRED_TOKEN -> expectStatus(post(sign, bodies.signWithCards, ClientJwt.sandboxStyle(KEY, url(sign)).issuer(ISSUER)
                    .issuedAt(Instant.now().minusSeconds(900)).expiresAt(Instant.now().minusSeconds(600)).sign()), 401, "");
            case REPLAYED_TOKEN -> {
                String token = token("/cds-services");
                String first = expectDiscovery(get("/cds-services", token));
                yield first != null ? first : expectStatus(get("/cds-services", token), 401, "");
            }
            case TOO_MANY_RESOURCES -> expectStatus(post(sign, bodies.tooManyResources, token(sign)), 413, "BCDS-1416");
            case DECLARED_TOO_LARGE -> declaredTooLarge(sign);
        };
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 500) {
            serverErrors.incrementAndGet();
        }
        return response;
    }

    private String url(String path) {
        return server.uri(path).toString();
    }

    private String token(String path) {
        return ClientJwt.sandboxStyle(KEY, url(path)).issuer(ISSUER).sign();
    }

    private static String expectCards(HttpResponse<String> response, List<String> ruleIds) throws Exception {
        if (response.statusCode() != 200) {
            return "status " + response.statusCode();
        }
        List<String> found = new ArrayList<>();
        for (JsonNode card : MAPPER.readTree(response.body()).path("cards")) {
            found.add(card.at("/source/topic/code").asText());
        }
        return found.equals(ruleIds) ? null : "cards " + found;
    }

    private static String expectDiscovery(HttpResponse<String> response) throws Exception {
        if (response.statusCode() != 200) {
            return "status " + response.statusCode();
        }
        Set<String> ids = new java.util.HashSet<>();
        MAPPER.readTree(response.body()).path("services").forEach(s -> ids.add(s.path("id").asText()));
        return ids.containsAll(Set.of("biologic-order-sign", "biologic-order-select")) ? null : "services " + ids;
    }

    private static String expectStatus(HttpResponse<String> response, int status, String code) {
        if (response.statusCode() != status || !response.body().contains(code)) {
            return "status " + response.statusCode() + " " + response.body();
        }
        return null;
    }

    /** A client announcing 6 MB: refused with 413 before it sends a byte of body. */
    private String declaredTooLarge(String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 6000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = statusLine(socket.getInputStream());
            if (status.startsWith("HTTP/1.1 5")) {
                serverErrors.incrementAndGet();
            }
            return status.equals("HTTP/1.1 413 Payload Too Large") ? null : status;
        }
    }

    /** Keeps an upload stalled mid-body until the server gives up on it (408), then starts another. */
    private void stallUploads() {
        while (running) {
            try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
                socket.setSoTimeout(60_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /cds-services/biologic-order-sign HTTP/1.1\r\nHost: 127.0.0.1:" + server.uri("/").getPort()
                        + "\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + token("/cds-services/biologic-order-sign") + "\r\n"
                        + "Content-Length: 100000\r\n\r\n{\"hook\":\"order-sign\",").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = statusLine(socket.getInputStream());
                if (status.equals("HTTP/1.1 408 Request Timeout")) {
                    stalledAnswered408.incrementAndGet();
                } else {
                    stalledOther.incrementAndGet();
                    wrongAnswers.add("STALLED_UPLOAD: " + status);
                }
            } catch (Exception e) {
                if (running) {
                    stalledOther.incrementAndGet();
                    wrongAnswers.add("STALLED_UPLOAD: " + e);
                }
            }
        }
    }

    private static String statusLine(InputStream in) throws Exception {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\r') {
            line.append((char) c);
        }
        return line.toString();
    }

    private void sampleHeap(MemoryMXBean memory, List<Long> samples) {
        while (running) {
            samples.add(memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String report(Duration elapsed, long heapBefore, long heapAfter, List<Long> heapSamples, long heapMax) {
        StringBuilder out = new StringBuilder();
        long total = 0;
        out.append("| request | expected | count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (Kind kind : Kind.values()) {
            Stats s = stats.get(kind);
            total += s.count.get();
            out.append("| ").append(kind.name().toLowerCase().replace('_', '-')).append(" | ").append(kind.valid ? "valid" : "invalid")
                    .append(" | ").append(s.count.get()).append(" | ").append(s.percentile(50)).append(" | ").append(s.percentile(95))
                    .append(" | ").append(s.percentile(99)).append(" | ").append(s.percentile(100)).append(" |\n");
        }
        long peak = heapSamples.stream().mapToLong(Long::longValue).max().orElse(0);
        out.append("\n").append(total).append(" requests in ").append(elapsed.toSeconds()).append(" s (")
                .append(total / Math.max(1, elapsed.toSeconds())).append("/s) from ").append(CLIENTS).append(" clients; ")
                .append(stalledAnswered408.get()).append(" stalled uploads answered 408 (").append(STALLERS).append(" at a time); ")
                .append(serverErrors.get()).append(" answers 5xx; ").append(wrongAnswers.size()).append(" wrong answers.\n")
                .append("Heap used after full GC: ").append(mb(heapBefore)).append(" MB before, ").append(mb(heapAfter))
                .append(" MB after; peak sampled ").append(mb(peak)).append(" MB of ").append(mb(heapMax)).append(" MB max.\n");
        if (!wrongAnswers.isEmpty()) {
            out.append("First wrong answers: ").append(wrongAnswers.subList(0, Math.min(5, wrongAnswers.size()))).append('\n');
        }
        return out.toString();
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    /** Latencies of one kind, in milliseconds, bucketed so memory stays constant. */
    private static final class Stats {
        final AtomicLong count = new AtomicLong();
        private final TreeMap<Long, Long> millis = new TreeMap<>();

        synchronized void record(long nanos) {
            count.incrementAndGet();
            millis.merge(nanos / 1_000_000, 1L, Long::sum);
        }

        synchronized long percentile(int p) {
            long n = count.get();
            long rank = Math.max(1, (long) Math.ceil(n * p / 100.0));
            long seen = 0;
            for (Map.Entry<Long, Long> bucket : millis.entrySet()) {
                seen += bucket.getValue();
                if (seen >= rank) {
                    return bucket.getKey();
                }
            }
            return 0;
        }
    }

    /** The request bodies, read once. */
    private static final class Bodies {
        final String signWithCards = read(Path.of("hooks/examples/order-sign-infliximab-no-tb-screening.json"));
        final String selectScreened = read(Path.of("hooks/examples/order-select-infliximab-screened.json"));
        final String sandboxSign;
        final String missingPrefetch = org.biologicscds.testing.Json.edit(signWithCards,
                root -> ((com.fasterxml.jackson.databind.node.ObjectNode) root.get("prefetch")).remove("observations"));
        final String tooManyResources;

        Bodies() throws Exception {
            sandboxSign = read(Path.of("src/test/resources/interop/requests/sandbox-order-sign-methotrexate.json"));
            StringBuilder many = new StringBuilder("{\"hook\":\"order-sign\",\"prefetch\":{\"b\":{\"resourceType\":\"Bundle\",\"entry\":[");
            for (int i = 0; i <= Limits.DEFAULT_MAX_RESOURCES; i++) {
                many.append(i == 0 ? "" : ",").append("{\"resource\":{\"resourceType\":\"Observation\"}}");
            }
            tooManyResources = many.append("]}}}").toString();
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

}
