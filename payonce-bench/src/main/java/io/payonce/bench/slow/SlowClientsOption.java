package io.payonce.bench.slow;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Reads {@code --slow-clients} and {@code --slow-clients-from} into a {@link SlowClients.Plan}. */
public final class SlowClientsOption {

    /** Another loopback address than the bench's own load, so the service tells the slow client from the buyers. */
    static final String LOOPBACK_ATTACKER = "127.0.0.2";

    private SlowClientsOption() {
    }

    /** @param target null for the embedded service, which listens on loopback */
    public static SlowClients.Plan plan(int connections, String from, URI target) {
        if (connections < 0 || connections > 20_000) {
            throw new IllegalArgumentException("--slow-clients must be 0 to 20000 (each is a socket of this process)");
        }
        if (connections == 0) {
            return SlowClients.Plan.NONE;
        }
        String address = from != null ? from : onLoopback(target) ? LOOPBACK_ATTACKER : null;
        try {
            return new SlowClients.Plan(connections, address == null ? null : InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--slow-clients-from: '" + from + "' is not an address of this host", e);
        }
    }

    private static boolean onLoopback(URI target) {
        if (target == null) {
            return true;
        }
        try {
            return InetAddress.getByName(target.getHost()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
