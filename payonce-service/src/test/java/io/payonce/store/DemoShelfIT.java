package io.payonce.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.payonce.support.Api;
import io.payonce.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** What a new user's first `./payonce serve` sells: a demo product on an empty sandbox shop, and never a second time. */
@IntegrationTest
@TestPropertySource(properties = "payonce.store.demo-products=true")
class DemoShelfIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoShelf shelf;

    @Test
    void an_empty_sandbox_shop_starts_with_a_demo_product_in_stock_and_a_shop_with_products_gets_nothing_more() {
        Api.Answer demo = new Api(port).get("/v1/products/" + DemoShelf.SKU);

        assertThat(demo.status()).as(demo.body()).isEqualTo(200);
        assertThat(demo.json().path("available").asLong()).isEqualTo(DemoShelf.KEYS);

        long products = jdbc.sql("SELECT count(*) FROM products").query(Long.class).single();
        long keys = jdbc.sql("SELECT count(*) FROM card_keys").query(Long.class).single();
        shelf.run(new DefaultApplicationArguments());

        assertThat(jdbc.sql("SELECT count(*) FROM products").query(Long.class).single()).isEqualTo(products);
        assertThat(jdbc.sql("SELECT count(*) FROM card_keys").query(Long.class).single()).isEqualTo(keys);
    }
}
