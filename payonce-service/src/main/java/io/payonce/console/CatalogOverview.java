package io.payonce.console;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Every product with its stock by state, for the console's product list. */
@Service
public class CatalogOverview {

    /** More products than a card shop lists; the list is one page. */
    public static final int PRODUCTS_MAX = 1000;

    private final JdbcClient jdbc;

    CatalogOverview(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A product and its card keys: available to sell, reserved by unpaid orders, delivered (null counts for memberships). */
    public record ProductRow(String sku, String name, String kind, long price, String currency, Integer membershipDays,
                             Long available, Long reserved, Long delivered) {
    }

    public List<ProductRow> products() {
        return jdbc.sql("""
                        SELECT p.sku, p.name, p.kind, p.price, p.currency, p.membership_days,
                               count(k.id) FILTER (WHERE k.status = 'AVAILABLE') AS available,
                               count(k.id) FILTER (WHERE k.status = 'RESERVED') AS reserved,
                               count(k.id) FILTER (WHERE k.status = 'DELIVERED') AS delivered
                          FROM products p LEFT JOIN card_keys k ON k.sku = p.sku
                         GROUP BY p.sku ORDER BY p.created_at, p.sku LIMIT :max""")
                .param("max", PRODUCTS_MAX)
                .query((rs, row) -> {
                    boolean cardKeys = "CARD_KEY".equals(rs.getString("kind"));
                    return new ProductRow(rs.getString("sku"), rs.getString("name"), rs.getString("kind"), rs.getLong("price"),
                            rs.getString("currency").strip(), rs.getObject("membership_days", Integer.class),
                            cardKeys ? rs.getLong("available") : null, cardKeys ? rs.getLong("reserved") : null,
                            cardKeys ? rs.getLong("delivered") : null);
                }).list();
    }
}
