package io.payonce.bench.audit;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What an invariant reads: the database (null when the harness was not told where it is) and the journal. */
public record AuditContext(Connection connection, Journal journal) {

    /** Ids are checked in chunks so one statement never carries an unbounded array. */
    private static final int CHUNK = 10_000;

    /** The first column of every row, as strings. */
    public List<String> strings(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    public long count(String sql, Object... parameters) throws SQLException {
        List<String> values = strings(sql, parameters);
        return values.isEmpty() || values.getFirst() == null ? 0 : Long.parseLong(values.getFirst());
    }

    /** Which of {@code ids} are absent from {@code table.column}. */
    public List<String> missing(String table, String column, Collection<String> ids) throws SQLException {
        List<String> all = new ArrayList<>(ids);
        List<String> missing = new ArrayList<>();
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
            Array array = connection.createArrayOf("text", chunk.toArray());
            Set<String> found = new HashSet<>(strings("SELECT " + column + " FROM " + table + " WHERE " + column + " = ANY (?)", array));
            chunk.stream().filter(id -> !found.contains(id)).forEach(missing::add);
        }
        return missing;
    }
}
