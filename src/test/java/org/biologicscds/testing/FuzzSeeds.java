package org.biologicscds.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Seeds for the fuzz tests: every JSON document of the shared fixtures (requests written by the
 * spec, the CDS Hooks sandbox, HAPI and Da Vinci CRD; the sandbox's captured requests unwrapped)
 * and the project's example requests, in a stable order.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {
    }

    public static List<byte[]> requestBodies() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path file : jsonFiles(fixtures())) {
            byte[] content = read(file);
            seeds.add(content);
            if (file.getParent().getFileName().toString().equals("sandbox-captured")) {
                JsonNode request = tree(content).get("request");
                if (request != null) {
                    seeds.add(request.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        for (Path file : jsonFiles(Path.of("hooks/examples"))) {
            seeds.add(read(file));
        }
        return seeds;
    }

    /** {@link TestKnowledge#fixtures()}, without loading the knowledge a parser fuzz test does not need. */
    private static Path fixtures() {
        return Path.of(System.getProperty("shared.dir", "../shared")).resolve("fixtures");
    }

    private static List<Path> jsonFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the fuzz seeds need " + folder, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
