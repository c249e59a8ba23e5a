package org.biologicscds.bench;

import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HAPI peer's definitions class, as HAPI's CDS Hooks documentation asks of a module: a Spring
 * configuration with a bean named {@code cdsServices}, the list of objects whose methods carry
 * {@code @CdsService}. The module's {@code CdsHooksContextBooter} boots it in a context of its own.
 */
@Configuration
public class HapiPeerServices {

    @Bean(name = "cdsServices")
    public List<Object> cdsServices() {
        return List.of(new MethotrexateWithTnfInhibitorService());
    }
}
