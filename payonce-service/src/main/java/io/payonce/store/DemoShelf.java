package io.payonce.store;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.IntStream;

import io.payonce.cardkeys.CardKeyImport;
import io.payonce.common.Refusal;
import io.payonce.config.Mode;
import io.payonce.products.Product;
import io.payonce.products.ProductKind;
import io.payonce.products.ProductService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * A demo product on an empty shop in sandbox mode, so that a first {@code ./payonce serve} opens on
 * a storefront a new user can buy from at once ({@code payonce.store.demo-products}, which serve
 * turns on in sandbox mode). It is added only while the shop has no product at all: once the owner
 * has products, or after the first start, nothing is ever added again; production never gets it.
 */
@Component
@ConditionalOnProperty(name = "payonce.store.demo-products", havingValue = "true")
class DemoShelf implements ApplicationRunner {

    static final String SKU = "demo-game-key";
    /** Enough for a few dozen try-outs; the owner imports real stock in the console. */
    static final int KEYS = 20;
    private static final Logger log = LoggerFactory.getLogger(DemoShelf.class);

    private final ProductService products;
    private final CardKeyImport cardKeys;
    private final Environment environment;

    DemoShelf(ProductService products, CardKeyImport cardKeys, Environment environment) {
        this.products = products;
        this.cardKeys = cardKeys;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (Mode.of(environment) != Mode.SANDBOX || !products.list(1).isEmpty()) {
            return;
        }
        try {
            products.create(new Product(SKU, "Demo game key (sandbox)", ProductKind.CARD_KEY, 990, "CNY", null));
        } catch (Refusal refusal) {
            // Another instance on the same database made it a moment ago (SKU_EXISTS): its keys are on their way.
            return;
        }
        SecureRandom random = new SecureRandom();
        List<String> codes = IntStream.range(0, KEYS)
                .mapToObj(i -> "DEMO-%04X-%04X-%04X".formatted(random.nextInt(0x10000), random.nextInt(0x10000), random.nextInt(0x10000)))
                .toList();
        CardKeyImport.Result imported = cardKeys.importCodes(SKU, codes);
        log.info("payonce: sandbox shop was empty, so it now sells '{}' with {} demo card keys", SKU, imported.imported());
    }
}
