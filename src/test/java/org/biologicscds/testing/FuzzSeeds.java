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
 * Seeds for the fuzz tests: the project's example requests and its own interop requests
 * ({@code src/test/resources/interop/requests}, shaped as the spec, the CDS Hooks sandbox, HAPI and
 * Da Vinci CRD write them), the same on every clone. The documents of {@code ../shared/fixtures} are
 * {@link #sharedFixtureBodies()}, replayed by tests of their own that carry
 * {@link NeedsSharedFixtures}, so a clone without them reports those as skipped instead of fuzzing
 * fewer seeds without a word.
 */
public final class FuzzSeeds {

    private FuzzSeeds() {
    }

    public static List<byte[]> requestBodies() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path file : jsonFiles(Path.of("hooks/examples"))) {
            seeds.add(read(file));
        }
        for (Path file : jsonFiles(Path.of("src/test/resources/interop/requests"))) {
            seeds.add(read(file));
        }
        return seeds;
    }

    /** Every JSON document of {@code ../shared/fixtures} (the sandbox's captured requests also unwrapped); fails without the folder. */
    public static List<byte[]> sharedFixtureBodies() {
        List<byte[]> seeds = new ArrayList<>();
        for (Path file : jsonFiles(SharedFixtures.folder())) {
            byte[] content = read(file);
            seeds.add(content);
            if (file.getParent().getFileName().toString().equals("sandbox-captured")) {
                JsonNode request = tree(content).get("request");
                if (request != null) {
                    seeds.add(request.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return seeds;
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
