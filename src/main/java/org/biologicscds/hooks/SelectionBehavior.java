package org.biologicscds.hooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** How many of a card's suggestions the clinician may accept. */
public enum SelectionBehavior {
    AT_MOST_ONE("at-most-one"),
    ANY("any");

    private final String code;

    SelectionBehavior(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
