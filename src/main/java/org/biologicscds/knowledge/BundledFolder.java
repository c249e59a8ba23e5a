package org.biologicscds.knowledge;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;

/** A folder that ships inside the jar ({@code fhir-profiles}, {@code hooks}), as a {@link Path}: what the CLI and the plugin use when no folder is given. */
public final class BundledFolder {

    private BundledFolder() {
    }

    public static Path path(String name) {
        URL url = BundledFolder.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("the folder '" + name + "' is not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return jar.getPath("/" + name);
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot open the bundled folder '" + name + "'", e);
        }
    }
}
