package org.biologicscds.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import java.math.BigDecimal;
import org.biologicscds.hooks.CdsJson;
import org.junit.jupiter.api.Test;

/** Two prefetch trees share a run-ahead record only if they are the same document, stricter than Jackson's equals. */
class ExactJsonTest {

    private static final CdsJson JSON = new CdsJson();

    @Test
    void equalDocuments_areTheSame() {
        String doc = "{\"a\":[1,2.5,\"x\",null,true,{\"b\":{}}],\"c\":-3}";
        assertThat(ExactJson.same(JSON.readTree(doc), JSON.readTree(doc))).isTrue();
    }

    @Test
    void membersInAnotherOrder_areNot_thoughJacksonCallsThemEqual() {
        JsonNode ab = JSON.readTree("{\"a\":1,\"b\":2}");
        JsonNode ba = JSON.readTree("{\"b\":2,\"a\":1}");
        assertThat(ab).isEqualTo(ba);
        assertThat(ExactJson.same(ab, ba)).isFalse();
    }

    @Test
    void decimalsOfAnotherScale_areNot_thoughJacksonCallsThemEqual() {
        JsonNode one = DecimalNode.valueOf(new BigDecimal("1.0"));
        JsonNode oneHundredths = DecimalNode.valueOf(new BigDecimal("1.00"));
        assertThat(one).isEqualTo(oneHundredths);
        assertThat(ExactJson.same(one, oneHundredths)).isFalse();
        assertThat(ExactJson.same(one, DecimalNode.valueOf(new BigDecimal("1.0")))).isTrue();
    }

    @Test
    void numbersOfAnotherKindOrSign_areNot() {
        assertThat(ExactJson.same(IntNode.valueOf(1), LongNode.valueOf(1))).isFalse();
        assertThat(ExactJson.same(DoubleNode.valueOf(0.0), DoubleNode.valueOf(-0.0))).isFalse();
        assertThat(ExactJson.same(JSON.readTree("[1]"), JSON.readTree("[\"1\"]"))).isFalse();
    }

    @Test
    void oneCharacterDeepInside_orOneMoreElement_isAnotherDocument() {
        JsonNode doc = JSON.readTree("{\"entry\":[{\"resource\":{\"id\":\"a\",\"v\":[1,2]}}]}");
        assertThat(ExactJson.same(doc, JSON.readTree("{\"entry\":[{\"resource\":{\"id\":\"b\",\"v\":[1,2]}}]}"))).isFalse();
        assertThat(ExactJson.same(doc, JSON.readTree("{\"entry\":[{\"resource\":{\"id\":\"a\",\"v\":[1,2,3]}}]}"))).isFalse();
        assertThat(ExactJson.same(doc, JSON.readTree("{\"entry\":[{\"resource\":{\"id\":\"a\",\"v\":[1,2]}},{}]}"))).isFalse();
    }
}
