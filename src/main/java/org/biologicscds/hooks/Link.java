package org.biologicscds.hooks;

import com.fasterxml.jackson.annotation.JsonValue;

/** A link on a card: {@code absolute} for a web page, {@code smart} for a SMART app launch. */
public record Link(String label, String url, Type type, String appContext) {

    public enum Type {
        ABSOLUTE("absolute"), SMART("smart");

        private final String code;

        Type(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    public Link {
        if (appContext != null && type != Type.SMART) {
            throw new IllegalArgumentException("appContext is only allowed on smart links");
        }
    }
}
