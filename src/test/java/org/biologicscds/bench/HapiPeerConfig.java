package org.biologicscds.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsHooksDaoAuthorizationSvc;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import ca.uhn.hapi.fhir.cdshooks.controller.CdsHooksController;
import ca.uhn.hapi.fhir.cdshooks.svc.CdsHooksContextBooter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The HAPI peer's Spring context: HAPI's CDS Hooks module ({@link CdsHooksConfig}) booting the
 * definitions class {@link HapiPeerServices}, and the module's own REST controller
 * ({@link CdsHooksController}: {@code GET /cds-services}, {@code POST /cds-services/{id}}) served by
 * Spring MVC with the module's object mapper, which parses a request's prefetch and draft orders
 * into HAPI resources. There is no FHIR storage module: the empty {@link DaoRegistry} is what the
 * module's DAO prefetch is given when none is configured, and every call here carries its prefetch.
 */
@Configuration
@EnableWebMvc
@Import(CdsHooksConfig.class)
public class HapiPeerConfig {

    @Bean
    public FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    public CdsHooksContextBooter cdsHooksContextBooter() {
        CdsHooksContextBooter booter = new CdsHooksContextBooter();
        booter.setDefinitionsClass(HapiPeerServices.class);
        booter.start();
        return booter;
    }

    @Bean
    public DaoRegistry daoRegistry() {
        return new DaoRegistry();
    }

    /** No prefetch is read from storage here, so nothing is withheld. */
    @Bean
    public ICdsHooksDaoAuthorizationSvc cdsHooksDaoAuthorizationSvc() {
        return resource -> {
        };
    }

    @Bean
    public CdsHooksController cdsHooksController(ICdsServiceRegistry registry) {
        return new CdsHooksController(registry);
    }

    /** Requests are read and answers written with the module's mapper, as the module's own tests serve its controller. */
    @Bean
    public WebMvcConfigurer cdsHooksJson(@Qualifier(CdsHooksConfig.CDS_HOOKS_OBJECT_MAPPER_FACTORY) ObjectMapper mapper) {
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(List<HttpMessageConverter<?>> converters) {
                converters.add(new MappingJackson2HttpMessageConverter(mapper));
            }
        };
    }
}
