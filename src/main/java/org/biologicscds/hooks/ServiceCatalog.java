package org.biologicscds.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The services this server offers, read from the {@code hooks/*.json} definitions (one file per
 * service). Immutable once loaded; the discovery document is {@link #discovery()}.
 */
public final class ServiceCatalog {

    /** The CDS Hooks discovery document: {@code {"services":[...]}}. */
    public record Discovery(List<ServiceDefinition> services) {
    }

    private final Map<String, ServiceDefinition> byId;

    public ServiceCatalog(Collection<ServiceDefinition> services) {
        Map<String, ServiceDefinition> map = new LinkedHashMap<>();
        for (ServiceDefinition service : services) {
            if (map.putIfAbsent(service.id(), service) != null) {
                throw new IllegalArgumentException("two service definitions share the id " + service.id());
            }
        }
        this.byId = java.util.Collections.unmodifiableMap(map);
    }

    /** Reads every {@code *.json} directly in {@code folder} (not its subfolders), sorted by name. */
    public static ServiceCatalog load(Path folder, CdsJson json) {
        List<ServiceDefinition> services = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    services.add(json.mapper().readValue(in, ServiceDefinition.class));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("service definition " + file.getFileName() + " is invalid: "
                            + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list service definitions in " + folder, e);
        }
        if (services.isEmpty()) {
            throw new IllegalStateException("no service definitions (*.json) in " + folder);
        }
        return new ServiceCatalog(services);
    }

    public Optional<ServiceDefinition> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Discovery discovery() {
        return new Discovery(List.copyOf(byId.values()));
    }
}
