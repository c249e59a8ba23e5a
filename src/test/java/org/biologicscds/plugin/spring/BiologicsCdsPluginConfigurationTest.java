package org.biologicscds.plugin.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.biologicscds.plugin.PluginProperties;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** In a Spring host the interceptor's properties come from the Spring environment (application.yaml). */
class BiologicsCdsPluginConfigurationTest {

    @Test
    void theInterceptorBean_readsItsPropertiesFromTheSpringEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application.yaml",
                Map.of(PluginProperties.REJECT_CRITICAL, "false")));

        assertThat(new BiologicsCdsPluginConfiguration().biologicOrderInterceptor(environment).settings().rejectCritical())
                .isFalse();
        assertThat(new BiologicsCdsPluginConfiguration().biologicOrderInterceptor(new StandardEnvironment()).settings()
                .rejectCritical()).isTrue();
    }
}
