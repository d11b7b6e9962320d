package io.payonce.products;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code products} table, with explicit SQL; also the {@link Catalog} other capabilities read.
 * A product found is kept in memory for {@link #FRESH_FOR}, so nearly every order of it skips the
 * look-up (issue 16). Nothing deletes a product; the owner may change its name and price for
 * future orders ({@link #update}), which this instance sees at once and every other instance within
 * {@link #FRESH_FOR}. An order's amount is fixed when the order is created, so a buyer is charged
 * what their order says, whichever price the cache held. A sku not found is not remembered:
 * another instance may create it at any time.
 */
@Repository
class ProductRepository implements Catalog {

    /** Products kept in memory, at most: a shop's catalog is far smaller; past it, look-ups go to the database. */
    static final int CACHED_MAX = 10_000;

    /** How long a product read from the database is used without reading it again. */
    static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final ConcurrentHashMap<String, Found> found = new ConcurrentHashMap<>();

    /** A product and when it was read ({@link System#nanoTime()}, so a wall-clock step changes nothing). */
    private record Found(Product product, long readAt) {
        boolean fresh(long now) {
            return now - readAt < FRESH_FOR.toNanos();
        }
    }

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

    /** Sets the fields the change names; false when there is no such product. */
    boolean update(String sku, UpdateProductRequest.Change change) {
        return jdbc.sql("UPDATE products SET name = coalesce(:name, name), price = coalesce(:price, price) WHERE sku = :sku")
                .param("name", change.name()).param("price", change.price()).param("sku", sku)
                .update() == 1;
    }

    /** Forgets this instance's copy of a product, after a change: its next look-up reads the database. */
    void forget(String sku) {
        found.remove(sku);
    }

    @Override
    public Optional<Product> find(String sku) {
        long now = System.nanoTime();
        Found cached = found.get(sku);
        if (cached != null && cached.fresh(now)) {
            return Optional.of(cached.product());
        }
        Optional<Product> product = load(sku);
        if (product.isPresent() && (cached != null || found.size() < CACHED_MAX)) {
            found.put(sku, new Found(product.get(), now));
        }
        return product;
    }

    /** What {@link #product} reads: one list for every query that returns products, so none can miss a column. */
    private static final String COLUMNS = """
            sku, name, kind, price, currency, membership_days, order_quantity_max, reservation_seconds, flash_sale,
            unpaid_units_max, queued""";

    private Optional<Product> load(String sku) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products WHERE sku = ?")
                .param(sku)
                .query(ProductRepository::product)
                .optional();
    }

    /** Products in the order they were created (then by sku), at most {@code limit}. */
    List<Product> listed(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM products ORDER BY created_at, sku LIMIT ?")
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
                        rs.getBoolean("flash_sale"), rs.getObject("unpaid_units_max", Integer.class), rs.getBoolean("queued")));
    }
}
