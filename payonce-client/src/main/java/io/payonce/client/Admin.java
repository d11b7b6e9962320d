package io.payonce.client;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.payonce.client.model.ApiKeyInfo;
import io.payonce.client.model.CardKeyRotation;
import io.payonce.client.model.CardKeyVersions;
import io.payonce.client.model.CreatedApiKey;
import io.payonce.client.model.GeneratedSystem;
import io.payonce.client.model.MoneyException;
import io.payonce.client.model.ReconciliationReport;
import io.payonce.client.model.RegisteredSystem;
import io.payonce.client.model.ReservationHolder;
import io.payonce.client.model.ReservationsCancelled;
import io.payonce.client.model.SeededMembers;

/** Operations under {@code /v1/admin} (the admin token, or an API key with the {@code admin} scope). */
public final class Admin {

    private record KeyList(List<ApiKeyInfo> keys) {
    }

    private record HolderList(List<ReservationHolder> holders) {
    }

    private record MoneyExceptionList(List<MoneyException> moneyExceptions) {
    }

    private final PayonceClient client;

    Admin(PayonceClient client) {
        this.client = client;
    }

    /** {@code POST /v1/admin/api-keys}: the answer holds the key's secret, this once. */
    public Result<CreatedApiKey> createApiKey(List<String> scopes, String label) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scopes", scopes);
        if (label != null) {
            body.put("label", label);
        }
        return client.post("/v1/admin/api-keys", body, CreatedApiKey.class, RequestOptions.NONE);
    }

    /** {@code GET /v1/admin/api-keys}. */
    public List<ApiKeyInfo> apiKeys() {
        return client.get("/v1/admin/api-keys", KeyList.class, RequestOptions.NONE).value().keys();
    }

    /** {@code DELETE /v1/admin/api-keys/{id}}: for good; repeating it is harmless. */
    public Result<ApiKeyInfo> revokeApiKey(String id) {
        return client.delete("/v1/admin/api-keys/" + PayonceClient.segment(id), ApiKeyInfo.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/systems}: a calling system of the membership API and its public key (X.509 PEM). */
    public Result<RegisteredSystem> registerSystem(String systemId, String publicKeyPem) {
        return client.post("/v1/admin/systems", Map.of("systemId", systemId, "publicKeyPem", publicKeyPem),
                RegisteredSystem.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/systems/generate} (sandbox only): a system whose key pair payonce makes. */
    public Result<GeneratedSystem> generateSystem(String systemId, int keyBits) {
        return client.post("/v1/admin/systems/generate", Map.of("systemId", systemId, "keyBits", keyBits),
                GeneratedSystem.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/systems/{systemId}/members/seed} (sandbox only): members prefix1..prefixN. */
    public Result<SeededMembers> seedMembers(String systemId, int count, int days, String userIdPrefix) {
        return client.post("/v1/admin/systems/" + PayonceClient.segment(systemId) + "/members/seed",
                Map.of("count", count, "days", days, "userIdPrefix", userIdPrefix), SeededMembers.class, RequestOptions.NONE);
    }

    /** {@code GET /v1/admin/reservations?limit=}: who holds unpaid card-key units, biggest first. */
    public List<ReservationHolder> reservationHolders(int limit) {
        return client.get("/v1/admin/reservations?limit=" + limit, HolderList.class, RequestOptions.NONE).value().holders();
    }

    /** {@code POST /v1/admin/reservations/cancel} of one holder ({@code buyer:...}, {@code key:...}). */
    public Result<ReservationsCancelled> cancelReservationsOfHolder(String holder) {
        return client.post("/v1/admin/reservations/cancel", Map.of("holder", holder), ReservationsCancelled.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/reservations/cancel} of every buyer session from one client address. */
    public Result<ReservationsCancelled> cancelReservationsOfAddress(String clientIp) {
        return client.post("/v1/admin/reservations/cancel", Map.of("clientIp", clientIp), ReservationsCancelled.class, RequestOptions.NONE);
    }

    /** {@code GET /v1/admin/money-exceptions}; {@code state} null for all. */
    public List<MoneyException> moneyExceptions(String state, int limit) {
        String query = "?limit=" + limit + (state == null ? "" : "&state=" + PayonceClient.segment(state));
        return client.get("/v1/admin/money-exceptions" + query, MoneyExceptionList.class, RequestOptions.NONE).value().moneyExceptions();
    }

    /** {@code POST /v1/admin/money-exceptions/{id}/resolve} with a note for the record. */
    public Result<MoneyException> resolveMoneyException(String id, String note) {
        return client.post("/v1/admin/money-exceptions/" + PayonceClient.segment(id) + "/resolve", Map.of("note", note),
                MoneyException.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/reconciliations}: one channel's bill of one day against payonce. */
    public Result<ReconciliationReport> reconcile(String channel, LocalDate date, boolean repair) {
        return client.post("/v1/admin/reconciliations", Map.of("channel", channel, "date", date.toString(), "repair", repair),
                ReconciliationReport.class, RequestOptions.NONE);
    }

    /** {@code POST /v1/admin/card-keys/rotate}. */
    public Result<CardKeyRotation> rotateCardKeys() {
        return client.post("/v1/admin/card-keys/rotate", null, CardKeyRotation.class, RequestOptions.NONE);
    }

    /** {@code GET /v1/admin/card-keys/key-versions}. */
    public Result<CardKeyVersions> cardKeyVersions() {
        return client.get("/v1/admin/card-keys/key-versions", CardKeyVersions.class, RequestOptions.NONE);
    }
}
