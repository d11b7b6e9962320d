package io.payonce.webhooks;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs an admin may register as a webhook endpoint, and which addresses payonce may then
 * connect to. An endpoint is a server-side request payonce makes on an admin's say-so, so this is
 * where server-side request forgery is held back (docs/webhooks.md, "Which URLs"):
 * <ul>
 * <li>always: an absolute {@code http} or {@code https} URL with a host, no user info (it would
 *     be stored and listed in clear), no fragment, at most 2,048 characters;</li>
 * <li>in production ({@code private-addresses-allowed} false): {@code https} only, and a host that
 *     is not, and does not resolve to, a loopback, private, link-local (the cloud metadata service
 *     169.254.169.254), unique-local, multicast or unspecified address. The address is checked
 *     again before every delivery, since a name can resolve elsewhere later.</li>
 * </ul>
 */
public final class WebhookUrls {

    public static final int LENGTH_MAX = 2048;

    private WebhookUrls() {
    }

    /** Why a URL cannot be an endpoint, or empty when its form is acceptable. */
    public static Optional<String> formProblem(String url, boolean privateAddressesAllowed) {
        if (url == null || url.length() > LENGTH_MAX) {
            return Optional.of("url: must be 1 to " + LENGTH_MAX + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("url: not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && privateAddressesAllowed)) {
            return Optional.of(privateAddressesAllowed ? "url: must be http or https"
                    : "url: must be https (plain http only in sandbox mode or with PAYONCE_WEBHOOKS_PRIVATE_ADDRESSES_ALLOWED)");
        }
        if (uri.getHost() == null) {
            return Optional.of("url: must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("url: must not carry a user or password");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("url: must not have a fragment");
        }
        return Optional.empty();
    }

    /** True for an address payonce must not post to in production: anything not on the public internet. */
    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            // 100.64/10 (carrier-grade NAT), 0/8 ("this network"), 198.18/15 (benchmarking), 240/4 (reserved).
            return (first == 100 && second >= 64 && second <= 127) || first == 0 || (first == 198 && (second == 18 || second == 19))
                    || first >= 240;
        }
        // An Inet6Address: fc00::/7, unique local addresses, IPv6's private ranges, which isSiteLocalAddress (fec0::/10) misses.
        return (bytes[0] & 0xfe) == 0xfc;
    }
}
