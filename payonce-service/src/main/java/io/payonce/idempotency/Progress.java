package io.payonce.idempotency;


/**
 * What a running operation sees of its key: where an earlier crashed attempt got to, and the two
 * writes it makes inside its own transactions (a checkpoint with a side effect, the final answer
 * with the last side effect).
 */
public final class Progress<R> {

    private final IdempotencyStore store;
    private final Claim.Acquired claim;
    private final Answers<R> answers;
    private String recoveryPoint;
    private String recoveryRef;
    private StoredResponse completed;

    Progress(IdempotencyStore store, Claim.Acquired claim, Answers<R> answers) {
        this.store = store;
        this.claim = claim;
        this.answers = answers;
        this.recoveryPoint = claim.recoveryPoint();
        this.recoveryRef = claim.recoveryRef();
    }

    /** The recovery point an earlier attempt committed, or null on a first attempt. */
    public String recoveryPoint() {
        return recoveryPoint;
    }

    /** The id the recovery point refers to (a payment, a refund), or null. */
    public String recoveryRef() {
        return recoveryRef;
    }

    /**
     * Records a recovery point inside the transaction of the side effect it stands for, and renews
     * the key's lease: the next phase (often a gateway call) gets a whole lease of its own.
     */
    public void checkpoint(String point, String ref) {
        store.checkpoint(claim, point, ref);
        this.recoveryPoint = point;
        this.recoveryRef = ref;
    }

    /** Stores the final answer inside the transaction of the last side effect; returns the result. */
    public R complete(R result) {
        StoredResponse answer = answers.success(result);
        store.complete(claim, answer);
        this.completed = answer;
        return result;
    }

    StoredResponse completed() {
        return completed;
    }

    Answers<R> answers() {
        return answers;
    }

    Claim.Acquired claim() {
        return claim;
    }
}
