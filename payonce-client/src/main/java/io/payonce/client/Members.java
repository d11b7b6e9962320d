package io.payonce.client;

import java.security.PrivateKey;

import io.payonce.client.model.Member;
import io.payonce.client.model.MemberGrant;

/**
 * The membership API: a calling system's signed create-or-renew, and a member lookup (scope
 * {@code members}). Refusals are {@link MembershipException}s with the envelope's code.
 */
public final class Members {

    private final PayonceClient client;

    Members(PayonceClient client) {
        this.client = client;
    }

    /** A signer for a calling system, on the client's clock and random source. */
    public MembershipSigner signer(String systemId, PrivateKey privateKey) {
        return new MembershipSigner(systemId, privateKey, client.clock(), client.random());
    }

    /**
     * {@code POST /api/member/createOrRenewMember}, signed. {@code orderNo} makes it idempotent:
     * each retry is signed again with a fresh nonce (a nonce is accepted once) and answers the
     * first grant; the same orderNo with another user or days is {@link MemberCode#ORDER_CONFLICT}.
     */
    public Result<MemberGrant> createOrRenew(MembershipSigner signer, String orderNo, String userId, long days) {
        return client.postEnvelope("/api/member/createOrRenewMember",
                () -> PayonceClient.JSON.writeValueAsString(signer.sign(orderNo, userId, days)), MemberGrant.class, RequestOptions.NONE);
    }

    /** {@code GET /api/member/{systemId}/{userId}}; {@link MemberCode#MEMBER_NOT_FOUND} when there is none. */
    public Result<Member> get(String systemId, String userId) {
        return client.getEnvelope("/api/member/" + PayonceClient.segment(systemId) + "/" + PayonceClient.segment(userId),
                Member.class, RequestOptions.NONE);
    }
}
