package io.payonce.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.payonce.cardkeys.SecretSealing;
import io.payonce.common.Ids;
import io.payonce.common.Refusal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The admin's use cases on endpoints: register one (its signing secret is returned this once and
 * kept sealed), list them, disable one. Each write is its own transaction.
 */
@Service
public class WebhookEndpoints {

    /** Endpoints listed at once; a shop has a handful. */
    public static final int LIST_MAX = 200;
    public static final int DESCRIPTION_LENGTH_MAX = 200;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;

    private final WebhookRepository repository;
    private final SecretSealing sealing;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean privateAddressesAllowed;

    WebhookEndpoints(WebhookRepository repository, SecretSealing sealing, TransactionTemplate transactions, Clock clock,
                     WebhookSettings settings) {
        this.repository = repository;
        this.sealing = sealing;
        this.transactions = transactions;
        this.clock = clock;
        this.privateAddressesAllowed = settings.privateAddressesAllowed();
    }

    /** A new endpoint and its secret, which payonce shows only here. */
    public record Created(WebhookEndpoint endpoint, String secret) {
        @Override
        public String toString() {
            return "Created[" + endpoint.id() + ", secret=<redacted>]";
        }
    }

    /** Registers {@code url} for {@code eventTypes} (wire names); refuses a URL {@link WebhookUrls} does not allow. */
    public Created create(String url, List<String> eventTypes, String description) {
        WebhookUrls.formProblem(url, privateAddressesAllowed).ifPresent(problem -> {
            throw new Refusal(Refusal.Reason.WEBHOOK_URL_NOT_ALLOWED, problem);
        });
        if (!privateAddressesAllowed) {
            requirePublicHost(URI.create(url).getHost());
        }
        Set<String> types = new LinkedHashSet<>();
        for (String type : eventTypes) {
            types.add(EventType.parse(type).orElseThrow(() -> new Refusal(Refusal.Reason.INVALID_REQUEST,
                    "eventTypes: unknown type; types are " + List.of(EventType.values()).stream().map(EventType::wireName).toList()))
                    .wireName());
        }
        if (types.isEmpty()) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "eventTypes: at least one event type");
        }
        if (description != null && description.length() > DESCRIPTION_LENGTH_MAX) {
            throw new Refusal(Refusal.Reason.INVALID_REQUEST, "description: at most " + DESCRIPTION_LENGTH_MAX + " characters");
        }
        String id = Ids.next("we");
        String secret = newSecret();
        WebhookEndpoint endpoint = new WebhookEndpoint(id, url, List.copyOf(types), description, true, now(), null);
        transactions.executeWithoutResult(tx -> repository.insertEndpoint(endpoint, sealing.seal(secret, context(id))));
        return new Created(endpoint, secret);
    }

    public List<WebhookEndpoint> list() {
        return repository.endpoints(LIST_MAX);
    }

    public Optional<WebhookEndpoint> find(String id) {
        return repository.endpoint(id);
    }

    /** Stops all delivery to the endpoint for good; its pending deliveries fail. Disabling it again changes nothing. */
    public WebhookEndpoint disable(String id) {
        Optional<WebhookEndpoint> disabled = transactions.execute(tx -> repository.disable(id, now()));
        return disabled.or(() -> repository.endpoint(id)).orElseThrow(() -> notFound(id));
    }

    /** The endpoint's signing secret, for the deliverer. */
    String secretOf(String endpointId, SecretSealing.Sealed sealed) {
        return sealing.open(sealed, context(endpointId));
    }

    /**
     * Refuses a host that names or resolves to an address off the public internet (production):
     * an admin must not make payonce post to its own management port, the database or the cloud
     * metadata service. Checked again at each delivery ({@link WebhookSender}).
     */
    static void requirePublicHost(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (WebhookUrls.isPrivate(address)) {
                    throw new Refusal(Refusal.Reason.WEBHOOK_URL_NOT_ALLOWED,
                            "url: the host resolves to a loopback, private or link-local address, which production refuses");
                }
            }
        } catch (UnknownHostException e) {
            throw new Refusal(Refusal.Reason.WEBHOOK_URL_NOT_ALLOWED, "url: the host does not resolve");
        }
    }

    static Refusal notFound(String id) {
        return new Refusal(Refusal.Reason.WEBHOOK_ENDPOINT_NOT_FOUND, "No webhook endpoint with this id");
    }

    private static String context(String endpointId) {
        return "webhook_endpoints/" + endpointId;
    }

    private static String newSecret() {
        byte[] bytes = new byte[SECRET_BYTES];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
