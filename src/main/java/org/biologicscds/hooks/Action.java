package org.biologicscds.hooks;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One change a suggestion would make. {@code create} and {@code update} carry a {@code resource};
 * {@code delete} carries a {@code resourceId} such as {@code MedicationRequest/123}.
 */
public record Action(Type type, String description, JsonNode resource, String resourceId) {

    public enum Type {
        CREATE("create"), UPDATE("update"), DELETE("delete");

        private final String code;

        Type(String code) {
            this.code = code;
        }

        @JsonValue
        public String code() {
            return code;
        }
    }

    public Action {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (type == Type.DELETE && resourceId == null) {
            throw new IllegalArgumentException("a delete action needs a resourceId");
        }
        if (type != Type.DELETE && resource == null) {
            throw new IllegalArgumentException("a " + type.code + " action needs a resource");
        }
    }

    public static Action create(String description, JsonNode resource) {
        return new Action(Type.CREATE, description, resource, null);
    }

    public static Action update(String description, JsonNode resource) {
        return new Action(Type.UPDATE, description, resource, null);
    }

    public static Action delete(String description, String resourceId) {
        return new Action(Type.DELETE, description, null, resourceId);
    }
}
