package org.biologicscds.plugin.jpa;

import ca.uhn.hapi.fhir.cdshooks.api.ICdsHooksDaoAuthorizationSvc;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import ca.uhn.hapi.fhir.cdshooks.svc.CdsHooksContextBooter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * HAPI's CDS Hooks module as the starter runs it with {@code hapi.fhir.cdshooks.enabled: true}
 * (its {@code StarterCdsHooksConfig}: {@link CdsHooksConfig}, a context booter for services
 * registered at run time, an authorization service that lets every prefetch read through), plus
 * the starter's {@code hapi.fhir.custom-bean-packages: org.biologicscds.plugin.spring} as the
 * component scan the starter makes of it.
 */
@Configuration
@Import(CdsHooksConfig.class)
@ComponentScan("org.biologicscds.plugin.spring")
public class StarterLikeCdsHooksConfig {

    @Bean
    public CdsHooksContextBooter cdsHooksContextBooter() {
        return new CdsHooksContextBooter();
    }

    @Bean
    public ICdsHooksDaoAuthorizationSvc cdsHooksDaoAuthorizationSvc() {
        return resource -> {
        };
    }
}
