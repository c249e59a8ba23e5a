/**
 * The plugin in a Spring host such as hapi-fhir-jpaserver-starter, found there by
 * {@code hapi.fhir.custom-bean-packages: org.biologicscds.plugin.spring}: the order interceptor as a
 * bean configured from the Spring environment (application.yaml), and our CDS services registered
 * in HAPI's CDS Hooks module when the host runs it. Only Spring and HAPI classes the host has are used.
 */
package org.biologicscds.plugin.spring;
