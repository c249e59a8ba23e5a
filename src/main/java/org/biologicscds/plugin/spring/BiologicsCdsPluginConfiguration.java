package org.biologicscds.plugin.spring;

import org.biologicscds.plugin.BiologicOrderInterceptor;
import org.biologicscds.plugin.PluginProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The order interceptor as a Spring bean, its {@link PluginProperties} read from the host's Spring
 * environment: application.yaml, and the system properties and environment variables Spring Boot
 * binds to the same names. hapi-fhir-jpaserver-starter registers a class named in
 * {@code hapi.fhir.custom-interceptor-classes} as the bean of that class when there is one, so with
 * this package in {@code hapi.fhir.custom-bean-packages} the interceptor takes its settings from
 * application.yaml; without it, the starter builds it with its no-argument constructor.
 */
@Configuration
public class BiologicsCdsPluginConfiguration {

    @Bean
    public BiologicOrderInterceptor biologicOrderInterceptor(Environment environment) {
        return new BiologicOrderInterceptor(PluginProperties.from(environment::getProperty));
    }
}
