package io.payonce.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Holds every test to the one transaction style (docs/architecture.md): a write to payonce's
 * tables runs inside a transaction that the application layer began. A write on a connection in
 * auto-commit mode, i.e. outside any transaction, fails the statement, and with it the test.
 * Libraries that manage their own writes (Flyway's history, ShedLock's locks) are left alone, and
 * so are a test's own fixture writes: the rule is for payonce's code, and the write is judged by the
 * nearest payonce class on the stack.
 */
public final class WritesNeedTransactions implements BeanPostProcessor {

    private static final Pattern WRITE = Pattern.compile(
            "^\\s*(?:WITH\\b.*?\\)\\s*)?(INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+\"?(\\w+)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Set<String> LIBRARY_TABLES = Set.of("shedlock", "flyway_schema_history");

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DataSource dataSource && !(bean instanceof Guarded) ? new Guarded(dataSource) : bean;
    }

    /** The table a statement writes, or null when it writes none of payonce's tables. */
    static String writtenTable(String sql) {
        Matcher matcher = WRITE.matcher(sql);
        if (!matcher.find()) {
            return null;
        }
        String table = matcher.group(2).toLowerCase(Locale.ROOT);
        return LIBRARY_TABLES.contains(table) ? null : table;
    }

    /** Raised for a write outside a transaction. */
    public static final class WriteOutsideTransaction extends SQLException {
        WriteOutsideTransaction(String sql) {
            super("A write outside a transaction (begin one in the application layer): " + sql.strip().lines().findFirst().orElse(""));
        }
    }

    /** Whether the nearest payonce class on the stack was compiled from test sources (a fixture). */
    static boolean byTestCode() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> type.getName().startsWith("io.payonce.") && !type.getName().startsWith(WritesNeedTransactions.class.getName()))
                .findFirst()
                .map(WritesNeedTransactions::isTestClass)
                .orElse(false));
    }

    private static boolean isTestClass(Class<?> type) {
        var source = type.getProtectionDomain().getCodeSource();
        String location = source == null ? "" : source.getLocation().getPath();
        return location.contains("/test-classes/") || location.endsWith("-tests.jar");
    }

    private static final class Guarded extends DelegatingDataSource {
        Guarded(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return guard(super.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return guard(super.getConnection(username, password));
        }

        private static Connection guard(Connection connection) {
            InvocationHandler handler = (proxy, method, args) -> {
                checkWrite(connection, method, args);
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
        }

        private static void checkWrite(Connection connection, Method method, Object[] args) throws SQLException {
            boolean statementWithSql = (method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                    && args != null && args.length > 0 && args[0] instanceof String;
            if (statementWithSql && writtenTable((String) args[0]) != null && connection.getAutoCommit() && !byTestCode()) {
                throw new WriteOutsideTransaction((String) args[0]);
            }
        }
    }
}
