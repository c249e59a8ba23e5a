package org.biologicscds.hooks;

/** A FHIR Coding as CDS Hooks carries it in {@code source.topic} and {@code overrideReasons}. */
public record Coding(String system, String code, String display) {
}
