package org.biologicscds.hooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** Card urgency, as the CDS Hooks 2.0 {@code indicator} vocabulary spells it. */
public enum Indicator {
    INFO("info"),
    WARNING("warning"),
    CRITICAL("critical");

    private final String code;

    Indicator(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** The indicator for a code such as {@code warning}; rejects anything outside the vocabulary. */
    public static Indicator fromCode(String code) {
        for (Indicator indicator : values()) {
            if (indicator.code.equals(code)) {
                return indicator;
            }
        }
        throw new IllegalArgumentException("not a CDS Hooks indicator: " + code);
    }
}
