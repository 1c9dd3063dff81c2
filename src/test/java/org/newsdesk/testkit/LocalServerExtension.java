package org.newsdesk.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;

/**
 * Starts the {@link LocalServer} fields and parameters of a test class and closes them afterwards: static fields
 * around the class, instance fields and parameters around each test (JUnit closes what it stored in the test's
 * context, failed or not).
 */
public final class LocalServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LocalServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        for (Field f : fields(context.getRequiredTestClass())) {
            if (ModifierSupport.isStatic(f) && f.get(null) == null) {
                f.set(null, start(f.getType(), f.getName(), context));
            }
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
            for (Field f : fields(instance.getClass())) {
                if (!ModifierSupport.isStatic(f)) {
                    f.set(instance, start(f.getType(), f.getName(), context));
                }
            }
        }
    }

    private static java.util.List<Field> fields(Class<?> type) {
        java.util.List<Field> fields = AnnotationSupport.findAnnotatedFields(type, LocalServer.class,
                f -> true, HierarchyTraversalMode.TOP_DOWN);
        fields.forEach(f -> f.setAccessible(true));
        return fields;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.isAnnotated(LocalServer.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return start(parameter.getParameter().getType(), parameter.getParameter().getName(), context);
    }

    /** A started server of {@code type}, stored to be closed with {@code context}. */
    private static Object start(Class<?> type, String name, ExtensionContext context) {
        LocalHttpServer server = new LocalHttpServer(name);
        Object made;
        try {
            made = type == LocalHttpServer.class ? server : fake(type).newInstance(server);
        } catch (ReflectiveOperationException | RuntimeException e) {
            server.close();
            Throwable cause = e instanceof InvocationTargetException ite ? ite.getCause() : e;
            throw new IllegalStateException("cannot start a " + type.getSimpleName() + " for " + name, cause);
        }
        // JUnit (5.13+) closes AutoCloseable store values when the context ends, failed or not
        AutoCloseable closeable = made instanceof AutoCloseable c ? c : server;
        context.getStore(NS).put(new Object(), closeable);
        return made;
    }

    private static Constructor<?> fake(Class<?> type) throws NoSuchMethodException {
        Constructor<?> c = type.getDeclaredConstructor(LocalHttpServer.class);
        c.setAccessible(true);
        return c;
    }
}
