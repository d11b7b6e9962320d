package io.payonce.products;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code products} table, with explicit SQL; also the {@link Catalog} other capabilities read.
 * A product never changes once created (nothing updates or deletes a row of {@code products}), so
 * a product found is kept in memory and every later order of it skips the look-up (issue 16). A
 * sku not found is not remembered: another instance may create it at any time.
 */
@Repository
class ProductRepository implements Catalog {

    /** Products kept in memory, at most: a shop's catalog is far smaller; past it, look-ups go to the database. */
    static final int CACHED_MAX = 10_000;

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<String, Product> found = new ConcurrentHashMap<>();

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
                                              order_quantity_max, reservation_seconds, flash_sale, unpaid_units_max)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (sku) DO NOTHING""")
                .params(product.sku(), product.name(), product.kind().name(), product.price(), product.currency(),
                        product.membershipDays(), product.limits().orderQuantityMax(), product.limits().reservationSeconds(),
                        product.limits().flashSale(), product.limits().unpaidUnitsMax())
                .update();
        return inserted == 1;
    }

    /** Sets the fields the change names; false when there is no such product. */
    boolean update(String sku, UpdateProductRequest.Change change) {
        return jdbc.sql("UPDATE products SET name = coalesce(:name, name), price = coalesce(:price, price) WHERE sku = :sku")
                .param("name", change.name()).param("price", change.price()).param("sku", sku)
                .update() == 1;
    }

    @Override
    public Optional<Product> find(String sku) {
        Product cached = found.get(sku);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<Product> product = load(sku);
        if (product.isPresent() && found.size() < CACHED_MAX) {
            found.putIfAbsent(sku, product.get());
        }
        return product;
    }

    private Optional<Product> load(String sku) {
        return jdbc.sql("""
                        SELECT sku, name, kind, price, currency, membership_days,
                               order_quantity_max, reservation_seconds, flash_sale, unpaid_units_max
                          FROM products WHERE sku = ?""")
                .param(sku)
                .query(ProductRepository::product)
                .optional();
    }

    /** Products in the order they were created (then by sku), at most {@code limit}. */
    List<Product> listed(int limit) {
        return jdbc.sql("""
                        SELECT sku, name, kind, price, currency, membership_days,
                               order_quantity_max, reservation_seconds, flash_sale, unpaid_units_max
                          FROM products ORDER BY created_at, sku LIMIT ?""")
                .param(limit)
                .query(ProductRepository::product)
                .list();
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
                        rs.getBoolean("flash_sale"), rs.getObject("unpaid_units_max", Integer.class)));
    }
}
