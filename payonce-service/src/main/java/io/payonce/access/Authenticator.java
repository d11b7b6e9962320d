package io.payonce.access;

import org.springframework.stereotype.Service;

/**
 * The one way a bearer credential becomes a {@link Caller}: an API key ({@code pk_...}), a buyer
 * session ({@code bs_...}) or the admin token. A credential that is sent but not valid is refused,
 * never treated as no credential.
 */
@Service
public class Authenticator {

    private final RootToken root;
    private final ApiKeys apiKeys;
    private final BuyerSessions buyerSessions;

    Authenticator(RootToken root, ApiKeys apiKeys, BuyerSessions buyerSessions) {
        this.root = root;
        this.apiKeys = apiKeys;
        this.buyerSessions = buyerSessions;
    }

    /** Anonymous for no credential ({@code null}); throws {@link AccessRefused} for one that is not valid. */
    public Caller authenticate(String bearerToken) {
        if (bearerToken == null) {
            return new Caller.Anonymous();
        }
        if (bearerToken.startsWith(ApiKeys.KIND + "_")) {
            return apiKeys.authenticate(bearerToken).<Caller>map(key -> key).orElseThrow(AccessRefused::invalid);
        }
        if (bearerToken.startsWith(BuyerSessions.KIND + "_")) {
            return buyerSessions.authenticate(bearerToken).<Caller>map(buyer -> buyer).orElseThrow(AccessRefused::invalid);
        }
        return root.authenticate(bearerToken).<Caller>map(rootCaller -> rootCaller).orElseThrow(AccessRefused::invalid);
    }
}
