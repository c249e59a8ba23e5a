package org.biologicscds.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.biologicscds.hooks.CdsJson;
import org.biologicscds.hooks.ServiceCatalog;
import org.biologicscds.testing.TestKnowledge;

/**
 * Writes the HTTP load test's inputs for a record size into a folder: {@code full-prefetch.json}
 * (order-sign with every prefetch key), {@code no-prefetch.json} (no prefetch, fhirServer is the
 * sandbox at {@code http://127.0.0.1:PORT/fhir}), {@code record.json} (the record as a Bundle
 * for {@code serve --load}) and {@code expected-cards.txt} ({@link BenchRecord#EXPECTED_CARDS}, one a
 * line, which the scripts check the service's answer against). Used by the HTTP scripts in {@code bench/}.
 *
 * <pre>java -cp ... org.biologicscds.bench.BenchFiles OUT_DIR SIZE PORT</pre>
 */
public final class BenchFiles {

    private BenchFiles() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int size = Integer.parseInt(args[1]);
        int port = Integer.parseInt(args[2]);
        Files.createDirectories(out);
        BenchRecord record = BenchRecord.of(size);
        ServiceCatalog catalog = ServiceCatalog.load(TestKnowledge.HOOKS, new CdsJson());
        Files.writeString(out.resolve("full-prefetch.json"),
                record.withPrefetch(catalog.find(HookCallBenchmark.SERVICE).orElseThrow().prefetch()).toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("no-prefetch.json"),
                record.withoutPrefetch("http://127.0.0.1:" + port + "/fhir").toString(), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("record.json"),
                TestKnowledge.FHIR.newJsonParser().encodeResourceToString(record.bundle()), StandardCharsets.UTF_8);
        Files.write(out.resolve("expected-cards.txt"), BenchRecord.EXPECTED_CARDS, StandardCharsets.UTF_8);
    }
}
