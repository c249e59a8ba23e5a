package org.biologicscds.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.biologicscds.testing.InfliximabOrder;
import org.biologicscds.testing.Json;
import org.biologicscds.testing.RunningServer;
import org.junit.jupiter.api.Test;

/** The run-ahead's counts at /metrics: the second identical call is a hit; no patient data in the labels. */
class RunAheadMetricsTest {

    @Test
    void aRepeatedCall_isCountedAsAHit_atMetrics() throws Exception {
        try (RunningServer server = new RunningServer()) {
            String body = Json.edit(InfliximabOrder.withPrefetch(), root -> {
                root.put("hook", "order-select");
                ((ObjectNode) root.get("context")).putArray("selections").add("MedicationRequest/draft-infliximab");
            });
            assertThat(server.call("biologic-order-select", body).status()).isEqualTo(200);
            assertThat(server.call("biologic-order-select", body).status()).isEqualTo(200);

            String scrape = server.get("/metrics").body();
            List<String> samples = scrape.lines().filter(line -> !line.startsWith("#")).toList();

            assertThat(samples).contains("cds_run_ahead_total{outcome=\"hit\"} 1.0",
                    "cds_run_ahead_total{outcome=\"miss\"} 1.0", "cds_run_ahead_total{outcome=\"fetched\"} 0.0",
                    "cds_run_ahead_records 1.0");
            assertThat(scrape).doesNotContain("pt-psoriasis-1");
        }
    }
}
