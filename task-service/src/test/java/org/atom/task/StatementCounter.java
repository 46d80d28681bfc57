package org.atom.task;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts the SQL statements that request threads (Tomcat's {@code http-nio-*}) prepare, so a test can assert how
 * many statements one request costs; background work (outbox relay, housekeeping) is not counted.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

    private static final AtomicLong STATEMENTS = new AtomicLong();

    /** Statements prepared by request threads so far. */
    public static long count() {
        return STATEMENTS.get();
    }

    /** How many statements request threads prepared while {@code requests} ran. */
    public static long during(Runnable requests) {
        long before = count();
        requests.run();
        return count() - before;
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource ? proxy(DataSource.class, dataSource) : bean;
            }
        };
    }

    private static <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (self, method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("createStatement") || name.equals("prepareCall"))
                    && Thread.currentThread().getName().startsWith("http-nio")) {
                STATEMENTS.incrementAndGet();
            }
            try {
                Object result = method.invoke(target, args);
                return result instanceof Connection connection && name.equals("getConnection")
                        ? proxy(Connection.class, connection)
                        : result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
