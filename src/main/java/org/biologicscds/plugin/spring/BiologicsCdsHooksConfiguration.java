package org.biologicscds.plugin.spring;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import org.biologicscds.knowledge.BundledFolder;
import org.biologicscds.plugin.PluginProperties;
import org.biologicscds.record.FetchSettings;
import org.biologicscds.service.BiologicCdsService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Registers our three CDS services in HAPI's CDS Hooks module when the host runs it (the starter
 * with {@code hapi.fhir.cdshooks.enabled: true}): its {@code /cds-services} then lists them and
 * answers them with the standalone service's cards, the prefetch resolved from the server's own
 * data through its DAOs ({@link HapiCdsServices}). Hosts without the module skip this
 * configuration ({@link CdsHooksModulePresent}); hosts with the module on the classpath but not
 * running it have no {@link ICdsServiceRegistry} bean, and nothing is registered.
 */
@Configuration
@Conditional(CdsHooksModulePresent.class)
public class BiologicsCdsHooksConfiguration {

    @Bean
    public SmartInitializingSingleton biologicsCdsHooksRegistration(ObjectProvider<ICdsServiceRegistry> registry,
            @Qualifier(CdsHooksConfig.CDS_HOOKS_OBJECT_MAPPER_FACTORY) ObjectProvider<ObjectMapper> hapiMapper,
            ObjectProvider<DaoRegistry> daos, Environment environment) {
        return () -> {
            ICdsServiceRegistry services = registry.getIfAvailable();
            ObjectMapper mapper = hapiMapper.getIfAvailable();
            DaoRegistry jpaDaos = daos.getIfAvailable();
            if (services == null || mapper == null || jpaDaos == null) {
                return;
            }
            PluginProperties properties = PluginProperties.from(environment::getProperty);
            Path knowledge = properties.knowledgeFolder().orElseGet(() -> BundledFolder.path("fhir-profiles"));
            Path hooks = properties.hooksFolder().orElseGet(() -> BundledFolder.path("hooks"));
            BiologicCdsService service = BiologicCdsService.load(knowledge, hooks, null, FhirContext.forR4Cached(),
                    Clock.systemUTC(), FetchSettings.defaults());
            new HapiCdsServices(service, mapper, jpaDaos).registerIn(services);
        };
    }
}
