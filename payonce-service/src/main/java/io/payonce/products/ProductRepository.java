package io.payonce.products;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code products} table, with explicit SQL; also the {@link Catalog} other capabilities read. */
@Repository
class ProductRepository implements Catalog {

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts the product unless its sku exists; returns whether it did. ON CONFLICT instead of a
     * look-up first, so two concurrent creations of one sku cannot both succeed or both fail.
     */
    boolean insertIfAbsent(Product product) {
        int inserted = jdbc.sql("""
                        INSERT INTO products (sku, name, kind, price, currency, membership_days,
                                              order_quantity_max, reservation_seconds, flash_sale, unpaid_units_max, queued)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (sku) DO NOTHING""")
                .params(product.sku(), product.name(), product.kind().name(), product.price(), product.currency(),
                        product.membershipDays(), product.limits().orderQuantityMax(), product.limits().reservationSeconds(),
                        product.limits().flashSale(), product.limits().unpaidUnitsMax(), product.limits().queued())
                .update();
        return inserted == 1;
    }

    @Override
    public Optional<Product> find(String sku) {
        return jdbc.sql("""
                        SELECT sku, name, kind, price, currency, membership_days,
                               order_quantity_max, reservation_seconds, flash_sale, unpaid_units_max, queued
                          FROM products WHERE sku = ?""")
                .param(sku)
                .query(ProductRepository::product)
                .optional();
    }

    @Override
    public List<String> skus(ProductKind kind, int limit) {
        return jdbc.sql("SELECT sku FROM products WHERE kind = ? ORDER BY sku LIMIT ?")
                .params(kind.name(), limit)
                .query(String.class)
                .list();
    }

    private static Product product(ResultSet rs, int row) throws SQLException {
        return new Product(rs.getString("sku"), rs.getString("name"), ProductKind.valueOf(rs.getString("kind")),
                rs.getLong("price"), rs.getString("currency"), rs.getObject("membership_days", Integer.class),
                new SaleLimits(rs.getObject("order_quantity_max", Integer.class), rs.getObject("reservation_seconds", Integer.class),
                        rs.getBoolean("flash_sale"), rs.getObject("unpaid_units_max", Integer.class), rs.getBoolean("queued")));
    }
}
