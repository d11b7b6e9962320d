package io.payonce.javaclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.payonce.client.ApiException;
import io.payonce.client.MemberCode;
import io.payonce.client.MembershipException;
import io.payonce.client.MembershipSigner;
import io.payonce.client.NotAuthorized;
import io.payonce.client.OrderNotFound;
import io.payonce.client.PayonceClient;
import io.payonce.client.ProblemCode;
import io.payonce.client.ProductNotFound;
import io.payonce.client.RefundExceedsPaid;
import io.payonce.client.RequestOptions;
import io.payonce.client.Result;
import io.payonce.client.RetryPolicy;
import io.payonce.client.SoldOut;
import io.payonce.client.model.CreatedApiKey;
import io.payonce.client.model.GeneratedSystem;
import io.payonce.client.model.MemberGrant;
import io.payonce.client.model.NewOrder;
import io.payonce.client.model.NewProduct;
import io.payonce.client.model.Order;
import io.payonce.client.model.Payment;
import io.payonce.client.model.Refund;
import io.payonce.signing.RsaSignatures;
import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import io.payonce.support.Shop;

/** Every public endpoint of a running payonce through payonce-client, typed, with its refusals as typed exceptions. */
@IntegrationTest
class PayonceClientIT {

    @LocalServerPort
    int port;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private PayonceClient admin() {
        return Api.client(base(), IntegrationTest.ADMIN_TOKEN, RetryPolicy.defaults());
    }

    private PayonceClient anonymous() {
        return Api.client(base(), null, RetryPolicy.defaults());
    }

    private String stockedSku(int keys) {
        String sku = Shop.uniqueSku("client");
        admin().catalog().createProduct(NewProduct.cardKeys(sku, "Client " + sku, 1999));
        admin().catalog().importCardKeys(sku, java.util.stream.IntStream.range(0, keys)
                .mapToObj(i -> "CLIENT-" + sku + "-" + i).toList());
        return sku;
    }

    @Test
    void the_catalog_creates_reads_and_stocks_products() {
        String sku = Shop.uniqueSku("client-catalog");
        Result<io.payonce.client.model.Product> created = admin().catalog().createProduct(NewProduct.cardKeys(sku, "Game key", 1999));
        assertThat(created.status()).isEqualTo(201);
        assertThat(admin().catalog().importCardKeys(sku, List.of("A-1", "B-2")).value().imported()).isEqualTo(2);
        assertThat(admin().catalog().importCardKeys(sku, List.of("A-1")).value().duplicates()).isEqualTo(1);

        var product = anonymous().catalog().product(sku).value();
        assertThat(product.price()).isEqualTo(1999);
        assertThat(product.available()).isEqualTo(2);
        assertThatThrownBy(() -> anonymous().catalog().product("no-such-" + sku)).isInstanceOf(ProductNotFound.class);
        assertThatThrownBy(() -> admin().catalog().createProduct(NewProduct.cardKeys(sku, "again", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.SKU_EXISTS));
        assertThatThrownBy(() -> anonymous().catalog().createProduct(NewProduct.cardKeys(sku + "x", "x", 1)))
                .isInstanceOfSatisfying(NotAuthorized.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.CREDENTIALS_MISSING));
    }

    @Test
    void a_buyer_orders_pays_and_a_merchant_refunds_through_the_client() {
        String sku = stockedSku(2);
        String buyerToken = anonymous().orders().openBuyerSession().value().buyerToken();
        PayonceClient buyer = anonymous().withBearer(buyerToken);

        Result<Order> created = buyer.orders().create(NewOrder.of(sku, 1));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.replayed()).isFalse();
        Order order = created.value();
        RequestOptions asHolder = RequestOptions.orderToken(order.orderToken());
        Result<Order> again = buyer.orders().create(NewOrder.of(sku, 1), RequestOptions.idempotencyKey(created.idempotencyKey()));
        assertThat(again.replayed()).isTrue();
        assertThat(again.value().orderId()).isEqualTo(order.orderId());

        Payment payment = buyer.orders().pay(order.orderId(), "alipay", asHolder).value();
        new Shop(new Api(port)).buyerPays(payment.paymentId());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> buyer.orders().get(order.orderId(), asHolder).value().status().equals("DELIVERED"));
        assertThat(buyer.orders().get(order.orderId(), asHolder).value().delivery().cardKeys()).hasSize(1);
        assertThatThrownBy(() -> anonymous().orders().get(order.orderId(), RequestOptions.NONE)).isInstanceOf(OrderNotFound.class);

        PayonceClient merchant = anonymous().withBearer(admin().admin().createApiKey(List.of("refunds"), "client IT").value().key());
        Refund refund = merchant.orders().refund(order.orderId(), 999).value();
        assertThat(refund.amount()).isEqualTo(999);
        assertThatThrownBy(() -> merchant.orders().refund(order.orderId(), 1001)).isInstanceOfSatisfying(RefundExceedsPaid.class,
                e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> buyer.orders().refund(order.orderId(), 1, asHolder)).isInstanceOf(NotAuthorized.class);
    }

    @Test
    void a_buyer_cancels_and_an_empty_stock_is_sold_out() {
        String sku = stockedSku(1);
        PayonceClient buyer = anonymous().withBearer(anonymous().orders().openBuyerSession().value().buyerToken());
        Order order = buyer.orders().create(NewOrder.of(sku, 1)).value();
        assertThatThrownBy(() -> buyer.orders().create(NewOrder.of(sku, 1))).isInstanceOf(SoldOut.class);

        Order cancelled = buyer.orders().cancel(order.orderId(), RequestOptions.orderToken(order.orderToken())).value();
        assertThat(cancelled.status()).isEqualTo("CANCELLED");
        assertThat(buyer.orders().create(NewOrder.of(sku, 1)).status()).isEqualTo(201);
    }

    @Test
    void api_keys_are_created_listed_and_revoked() {
        CreatedApiKey key = admin().admin().createApiKey(List.of("orders:read"), "client list").value();
        assertThat(key.key()).startsWith("pk_");
        assertThat(admin().admin().apiKeys()).anySatisfy(info -> assertThat(info.id()).isEqualTo(key.id()));
        assertThat(admin().admin().revokeApiKey(key.id()).value().revokedAt()).isNotNull();
        assertThatThrownBy(() -> anonymous().withBearer(key.key()).orders().get("ord_x", RequestOptions.NONE))
                .isInstanceOfSatisfying(NotAuthorized.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.CREDENTIALS_INVALID));
        assertThatThrownBy(() -> admin().admin().revokeApiKey("nosuchkey"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.API_KEY_NOT_FOUND));
    }

    @Test
    void the_operators_endpoints_answer_typed() {
        String sku = stockedSku(2);
        PayonceClient buyer = anonymous().withBearer(anonymous().orders().openBuyerSession().value().buyerToken());
        buyer.orders().create(NewOrder.of(sku, 2));

        assertThat(admin().admin().reservationHolders(200)).anySatisfy(holder -> assertThat(holder.holder()).startsWith("buyer:"));
        String holder = admin().admin().reservationHolders(200).stream().filter(h -> h.holder().startsWith("buyer:"))
                .findFirst().orElseThrow().holder();
        assertThat(admin().admin().cancelReservationsOfHolder(holder).value().orders()).isPositive();
        assertThat(admin().admin().cancelReservationsOfAddress("203.0.113.99").value().orders()).isZero();

        assertThat(admin().admin().moneyExceptions("OPEN", 10)).isNotNull();
        assertThatThrownBy(() -> admin().admin().resolveMoneyException("mx_nosuch", "note"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ProblemCode.MONEY_EXCEPTION_NOT_FOUND));

        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        var report = admin().admin().reconcile("alipay", yesterday, false).value();
        assertThat(report.channel()).isEqualTo("alipay");
        assertThat(report.date()).isEqualTo(yesterday.toString());

        assertThat(admin().admin().cardKeyVersions().value().activeVersion()).isPositive();
        assertThatThrownBy(() -> admin().admin().rotateCardKeys()).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ProblemCode.CARD_KEY_ROTATION_NEEDS_NEW_KEY));
    }

    @Test
    void a_renewal_signed_by_the_client_is_accepted_once_per_order_and_a_wrong_key_is_refused() throws Exception {
        String systemId = "client-" + UUID.randomUUID().toString().substring(0, 8);
        GeneratedSystem system = admin().admin().generateSystem(systemId, 2048).value();
        PrivateKey key = privateKey(system.privateKeyPem());
        MembershipSigner signer = admin().members().signer(systemId, key);

        Result<MemberGrant> first = anonymous().members().createOrRenew(signer, "ORD-1", "user-1", 30);
        Result<MemberGrant> again = anonymous().members().createOrRenew(signer, "ORD-1", "user-1", 30);
        assertThat(again.value()).isEqualTo(first.value());
        assertThat(admin().members().get(systemId, "user-1").value().expiresAt()).isEqualTo(first.value().expiresAt());
        assertThatThrownBy(() -> anonymous().members().createOrRenew(signer, "ORD-1", "user-2", 30))
                .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(MemberCode.ORDER_CONFLICT));

        KeyPair wrong = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        MembershipSigner forger = anonymous().members().signer(systemId, wrong.getPrivate());
        assertThatThrownBy(() -> anonymous().members().createOrRenew(forger, "ORD-2", "user-1", 30))
                .isInstanceOfSatisfying(MembershipException.class, e -> {
                    assertThat(e.code()).isEqualTo(MemberCode.SIGNATURE_INVALID);
                    assertThat(e.status()).isEqualTo(401);
                });
        assertThat(admin().members().get(systemId, "user-1").value().expiresAt()).isEqualTo(first.value().expiresAt());

        assertThat(admin().admin().seedMembers(systemId, 3, 30, "seeded-").value().created()).isEqualTo(3);
        assertThatThrownBy(() -> admin().members().get(systemId, "nobody"))
                .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(MemberCode.MEMBER_NOT_FOUND));
        assertThatThrownBy(() -> anonymous().members().get(systemId, "user-1"))
                .isInstanceOfSatisfying(MembershipException.class, e -> assertThat(e.code()).isEqualTo(MemberCode.CREDENTIALS_MISSING));
    }

    @Test
    void a_system_registered_with_its_own_public_key_is_accepted() {
        KeyPair pair = RsaSignatures.generate(2048);
        String systemId = "client-own-" + UUID.randomUUID().toString().substring(0, 8);
        var registered = admin().admin().registerSystem(systemId, RsaSignatures.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        assertThat(registered.value().keyBits()).isEqualTo(2048);

        MembershipSigner signer = anonymous().members().signer(systemId, pair.getPrivate());
        assertThat(anonymous().members().createOrRenew(signer, "ORD-1", "u-1", 7).value().userId()).isEqualTo("u-1");
    }

    private static PrivateKey privateKey(String pem) throws Exception {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
