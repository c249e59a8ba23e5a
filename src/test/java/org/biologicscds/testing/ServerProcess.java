package org.biologicscds.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biologicscds.testing.RunningServer.Reply;

/**
 * {@code biologics-cds serve} as a separate JVM (the test classpath, the project's knowledge and
 * hooks, a free port), for tests that must kill a server the way a crash does. Its stderr is
 * kept for the failure message.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/cds-services");

    private final Process process;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final int port;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServerProcess(Process process) throws IOException, InterruptedException {
        this.process = process;
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                    log.add(line);
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(Integer.parseInt(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                log.add("(stderr closed: " + e + ")");
            }
            listening.completeExceptionally(new IllegalStateException("the server exited before listening"));
        }, "server-process-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            this.port = listening.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the server process did not start: " + e + "\n" + String.join("\n", log), e);
        }
    }

    /** Waits until the sandbox FHIR server, which comes up after the server listens, is mounted at /fhir. */
    public void awaitSandbox() throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            synchronized (log) {
                if (log.stream().anyMatch(line -> line.contains("sandbox FHIR server ready at /fhir"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sandbox FHIR server did not come up within 60 s\n" + String.join("\n", log));
    }

    /** Starts {@code serve --db url} with {@code environment} added to this JVM's. */
    public static ServerProcess start(String dbUrl, Map<String, String> environment) throws IOException, InterruptedException {
        return start(dbUrl, environment, List.of());
    }

    /** Starts {@code serve --db url} and more options, with {@code environment} added to this JVM's. */
    public static ServerProcess start(String dbUrl, Map<String, String> environment, List<String> options)
            throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                "org.biologicscds.cli.Main", "serve", "--port", "0", "--knowledge", TestKnowledge.FOLDER.toString(),
                "--hooks", TestKnowledge.HOOKS.toString(), "--db", dbUrl));
        command.addAll(options);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return new ServerProcess(builder.start());
    }

    public Reply post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    public Reply get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** A request of any method to this server, with headers as name, value pairs. */
    public Reply send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }

    /** SIGKILL (on Linux, {@link Process#destroyForcibly()}): no shutdown hook, no flush, like a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the process wrote to stderr so far. */
    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
