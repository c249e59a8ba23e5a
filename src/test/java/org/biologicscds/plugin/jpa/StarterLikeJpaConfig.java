package org.biologicscds.plugin.jpa;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.ConfigurationException;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.MemoryBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.annotation.EnableTransactionManagement;

/**
 * A HAPI FHIR 8.8.0 JPA server on in-memory H2, configured the way hapi-fhir-jpaserver-starter
 * (image v8.8.0-1) configures one for R4, minus Spring Boot: HAPI's {@link JpaR4Config} with the
 * beans the starter's {@code StarterJpaConfig} declares (here from {@link HapiJpaConfig}, which has
 * the same ones), the entity manager factory with the starter's Hibernate defaults and H2 dialect,
 * Batch2 and the subscription channel and submitter as the starter imports them, and a RestfulServer built as the starter's {@code restfulServer}
 * bean builds it: the JPA resource providers, the system provider, the database-backed paging
 * provider, {@code server_address} as a hard-coded address strategy, and the
 * {@code custom-interceptor-classes} registered by class name exactly as the starter registers them
 * (a Spring bean of that class if there is one, else its public no-argument constructor).
 * Subscriptions, MDM, IG loading, clinical reasoning and the tester UI are left out (off in the
 * starter's default application.yaml, or not needed here).
 */
@Configuration
@EnableTransactionManagement
@Import({JpaR4Config.class, HapiJpaConfig.class, JpaBatch2Config.class, Batch2JobsConfig.class,
        SubscriptionChannelConfig.class, SubscriptionSubmitterConfig.class, ThreadPoolFactoryConfig.class})
public class StarterLikeJpaConfig {

    /** {@code hapi.fhir.custom-interceptor-classes}, set by the test before the context starts. */
    static List<String> customInterceptorClasses = List.of();
    /** {@code hapi.fhir.server_address}, set by the test before the context starts. */
    static String serverAddress;

    @Bean
    public DataSource dataSource() {
        // spring.datasource of the starter's application.yaml: H2 in memory, HikariCP as Spring Boot's default.
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:plugin_it_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUsername("sa");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    @Bean
    public JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // The starter's defaults (application.yaml): references to resources not on the server are refused.
        settings.setAllowExternalReferences(false);
        return settings;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    public IBinaryStorageSvc binaryStorageSvc() {
        return new MemoryBinaryStorageSvcImpl();
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext, JpaStorageSettings storageSettings, DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        Properties jpa = new Properties();
        // StarterJpaConfig's Hibernate defaults and application.yaml's H2 dialect.
        jpa.put("hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        jpa.put("hibernate.format_sql", "false");
        jpa.put("hibernate.show_sql", "false");
        jpa.put("hibernate.hbm2ddl.auto", "update");
        jpa.put("hibernate.jdbc.batch_size", "20");
        jpa.put("hibernate.cache.use_query_cache", "false");
        jpa.put("hibernate.cache.use_second_level_cache", "false");
        jpa.put("hibernate.cache.use_structured_entries", "false");
        jpa.put("hibernate.cache.use_minimal_puts", "false");
        jpa.put("hibernate.search.enabled", "false");
        jpa.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaProperties(jpa);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(jakarta.persistence.EntityManagerFactory entityManagerFactory) {
        JpaTransactionManager manager = new JpaTransactionManager();
        manager.setEntityManagerFactory(entityManagerFactory);
        return manager;
    }

    @Bean
    public RestfulServer restfulServer(IFhirSystemDao<?, ?> systemDao, ca.uhn.fhir.rest.server.provider.ResourceProviderFactory providers,
            JpaSystemProvider<?, ?> systemProvider, DatabaseBackedPagingProvider paging, ApplicationContext context) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.registerProviders(providers.createProviders());
        server.registerProvider(systemProvider);
        server.setPagingProvider(paging);
        if (serverAddress != null) {
            server.setServerAddressStrategy(new HardcodedServerAddressStrategy(serverAddress));
        }
        for (String className : customInterceptorClasses) {
            server.registerInterceptor(customInterceptor(className, context));
        }
        return server;
    }

    /** As the starter's {@code registerCustomInterceptors}: the bean of that class, else a new instance. */
    private static Object customInterceptor(String className, ApplicationContext context) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new ConfigurationException("Interceptor class was not found on classpath: " + className, e);
        }
        try {
            return context.getBean(type);
        } catch (NoSuchBeanDefinitionException e) {
            try {
                return type.getConstructor().newInstance();
            } catch (ReflectiveOperationException failed) {
                throw new ConfigurationException("Unable to instantiate interceptor class : " + className, failed);
            }
        }
    }
}
