package org.biologicscds.plugin.spring;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/** True when HAPI's CDS Hooks module ({@code hapi-fhir-server-cds-hooks}) is on the host's classpath. */
public final class CdsHooksModulePresent implements Condition {

    static final String REGISTRY = "ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return ClassUtils.isPresent(REGISTRY, context.getClassLoader());
    }
}
