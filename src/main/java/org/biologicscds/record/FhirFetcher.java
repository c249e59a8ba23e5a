package org.biologicscds.record;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches prefetch queries from a FHIR server with HAPI's generic client: every key in parallel,
 * under one deadline for them all ({@link FetchSettings#timeout()}), following {@code next} links
 * up to the page cap. The bearer token goes in the {@code Authorization} header and nowhere else.
 *
 * <p>Never throws for trouble with the server: each key comes back found or failed with a reason
 * ({@link FetchResult}). Responses are parsed leniently and silently ({@link QuietFhir}). Thread-safe; one instance serves every request (its threads are daemons that
 * retire when idle).
 */
public final class FhirFetcher {

    /** Fetch threads, and HTTP connections, shared by all requests; more queue under the same deadline. */
    private static final int THREADS = 32;

    private final FetchSettings settings;
    private final IRestfulClientFactory clients;
    private final ExecutorService pool;

    public FhirFetcher(FetchSettings settings) {
        this.settings = settings;
        // A factory of our own (the context's shared one is not ours to configure), parsing quietly.
        ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(QuietFhir.context());
        int millis = (int) settings.timeout().toMillis();
        factory.setConnectTimeout(millis);
        factory.setSocketTimeout(millis);
        factory.setConnectionRequestTimeout(millis);
        factory.setPoolMaxTotal(THREADS);
        factory.setPoolMaxPerRoute(THREADS);
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.clients = factory;
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "fhir-fetch-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.pool = executor;
    }

    public FetchSettings settings() {
        return settings;
    }

    /**
     * Resolves the tokens of each prefetch template and fetches the result: a template with a
     * token that has no value here fails with {@link FetchFailure#UNRESOLVED_TOKEN} and is not sent.
     *
     * @return one result per key, in the order of {@code templates}
     */
    public Map<String, FetchResult> fetchTemplates(FhirEndpoint endpoint, Map<String, String> templates,
                                                   PrefetchTokens tokens) {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, FetchResult> unresolved = new LinkedHashMap<>();
        templates.forEach((key, template) -> tokens.resolve(template).ifPresentOrElse(q -> queries.put(key, q),
                () -> unresolved.put(key, FetchResult.failed(key, FetchFailure.UNRESOLVED_TOKEN,
                        "its template needs " + tokens.unresolved(template) + ", which this request does not give"))));
        Map<String, FetchResult> fetched = queries.isEmpty() ? Map.of() : fetchAll(endpoint, queries);
        Map<String, FetchResult> results = new LinkedHashMap<>();
        for (String key : templates.keySet()) {
            results.put(key, fetched.containsKey(key) ? fetched.get(key) : unresolved.get(key));
        }
        return results;
    }

    /**
     * Fetches each query (key to a resolved relative query such as {@code Observation?patient=1})
     * from the endpoint, all at once, and waits at most the deadline.
     *
     * @return one result per key, in the order of {@code queries}
     */
    public Map<String, FetchResult> fetchAll(FhirEndpoint endpoint, Map<String, String> queries) {
        IGenericClient client = clients.newGenericClient(endpoint.base());
        endpoint.bearerToken().ifPresent(token -> client.registerInterceptor(new BearerTokenAuthInterceptor(token)));
        QueryReader reader = new QueryReader(client, endpoint.base(), settings.maxPages());
        List<String> keys = new ArrayList<>(queries.keySet());
        List<Callable<FetchResult>> tasks = new ArrayList<>();
        for (String key : keys) {
            tasks.add(() -> reader.read(key, queries.get(key)));
        }
        List<Future<FetchResult>> futures;
        try {
            futures = pool.invokeAll(tasks, settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures = List.of();
        }
        Map<String, FetchResult> results = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            results.put(keys.get(i), i < futures.size() ? outcome(keys.get(i), futures.get(i)) : timedOut(keys.get(i)));
        }
        return results;
    }

    private FetchResult outcome(String key, Future<FetchResult> future) {
        try {
            return future.get();
        } catch (CancellationException e) {
            return timedOut(key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timedOut(key);
        } catch (ExecutionException e) {
            return FetchResult.failed(key, FetchFailure.FAILED, "the fetch failed: " + e.getCause().getClass().getSimpleName());
        }
    }

    private FetchResult timedOut(String key) {
        return FetchResult.failed(key, FetchFailure.TIMEOUT, "no complete answer within " + settings.timeout().toMillis() + " ms");
    }
}
