package io.payonce.idempotency;

/**
 * What an idempotent use case sees of its key: where an earlier crashed attempt got to, and the
 * two writes it makes inside its own transactions (a checkpoint after a side effect, the final
 * answer together with the last side effect).
 */
public final class IdempotencyContext {

    private final IdempotencyStore store;
    private final Claim.Acquired claim;
    private String recoveryPoint;
    private String recoveryRef;
    private boolean completed;

    IdempotencyContext(IdempotencyStore store, Claim.Acquired claim) {
        this.store = store;
        this.claim = claim;
        this.recoveryPoint = claim.recoveryPoint();
        this.recoveryRef = claim.recoveryRef();
    }

    /** The checkpoint an earlier attempt committed, or null. */
    public String recoveryPoint() {
        return recoveryPoint;
    }

    /** The id the checkpoint refers to (a payment, a refund), or null. */
    public String recoveryRef() {
        return recoveryRef;
    }

    /** Call inside the transaction whose side effect the checkpoint records. */
    public void checkpoint(String point, String ref) {
        store.checkpoint(claim, point, ref);
        this.recoveryPoint = point;
        this.recoveryRef = ref;
    }

    /** Call inside the transaction of the last side effect: the answer commits with it. */
    public StoredResponse complete(StoredResponse response) {
        store.complete(claim, response);
        completed = true;
        return response;
    }

    boolean completed() {
        return completed;
    }

    Claim.Acquired claim() {
        return claim;
    }
}
