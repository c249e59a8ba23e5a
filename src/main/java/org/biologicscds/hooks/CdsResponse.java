package org.biologicscds.hooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The body of a 200 answer. {@code cards} is always present, empty when there is no advice. */
public record CdsResponse(@JsonInclude(JsonInclude.Include.ALWAYS) List<Card> cards) {

    public CdsResponse {
        cards = List.copyOf(cards);
    }

    public static CdsResponse noCards() {
        return new CdsResponse(List.of());
    }
}
