package org.biologicscds.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whom the sandbox answers uncompressed: clients on this machine only, told by their address. */
class SandboxAnswerFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "0:0:0:0:0:0:0:1"})
    void aClientOnThisMachine_isAnsweredUncompressed(String remoteAddress) throws Exception {
        HttpServletRequest seen = throughTheFilter(remoteAddress);

        assertThat(seen.getHeader("Accept-Encoding")).isNull();
        assertThat(seen.getHeader("accept-encoding")).isNull();
        assertThat(Collections.list(seen.getHeaders("Accept-Encoding"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.7", "10.0.0.7", "2001:db8:0:0:0:0:0:1", "not an address"})
    void anyOtherClient_getsWhatItAskedFor(String remoteAddress) throws Exception {
        HttpServletRequest seen = throughTheFilter(remoteAddress);

        assertThat(seen.getHeader("Accept-Encoding")).isEqualTo("gzip");
        assertThat(Collections.list(seen.getHeaders("Accept-Encoding"))).containsExactly("gzip");
    }

    /** The request as HAPI's servlet would see it, from a client at the address asking for gzip. */
    private static HttpServletRequest throughTheFilter(String remoteAddress) throws Exception {
        AtomicReference<ServletRequest> passedOn = new AtomicReference<>();
        new SandboxAnswerFilter().doFilter(request(remoteAddress), response(), (request, response) -> passedOn.set(request));
        return (HttpServletRequest) passedOn.get();
    }

    private static HttpServletRequest request(String remoteAddress) {
        return (HttpServletRequest) Proxy.newProxyInstance(SandboxAnswerFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRemoteAddr" -> remoteAddress;
                    case "getHeader" -> "Accept-Encoding".equalsIgnoreCase((String) args[0]) ? "gzip" : null;
                    case "getHeaders" -> Collections.enumeration(
                            "Accept-Encoding".equalsIgnoreCase((String) args[0]) ? List.of("gzip") : List.of());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletResponse response() {
        return (HttpServletResponse) Proxy.newProxyInstance(SandboxAnswerFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
